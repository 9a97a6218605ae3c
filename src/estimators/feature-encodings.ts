import type { Matrix } from "../types.js";
import { columnIndicators, MIN_ROWS_PER_INDICATOR, RARE_LEVEL_MIN_ROWS } from "./one-hot.js";
import { takeColumns } from "./sample-checks.js";

/** How a linear model sees one side's categorical feature columns: their flags for linearModelColumns. */
export interface FeatureEncoding {
  /**
   * "indicators": every categorical column one-hot; "codes as numbers": integer-coded ones as their values;
   * "indicators of rare levels": one-hot down to levels of RARE_LEVEL_MIN_ROWS rows; "…, many-level columns left
   * out": the first or the second without the categorical columns of many indicators.
   */
  readonly name:
    | "indicators"
    | "codes as numbers"
    | "indicators of rare levels"
    | "indicators, many-level columns left out"
    | "codes as numbers, many-level columns left out";
  /** Per column: enters as indicators (true) or as a number (false). */
  readonly categorical: readonly boolean[];
  /** The fewest rows of a level that get their own indicator (one-hot.ts; undefined: its default). */
  readonly minRows?: number;
  /** Whether boosted trees read it too: not the rare levels, which no leaf of 20 rows can single out. */
  readonly trees: boolean;
  /** The columns the encoding reads (encodedColumns); absent: all of them. */
  readonly columns?: readonly number[];
}

/** The columns of m an encoding reads, with their categorical flags. */
export function encodedColumns(
  m: Matrix<Float64Array>,
  e: FeatureEncoding,
): { readonly m: Matrix<Float64Array>; readonly categorical: readonly boolean[] } {
  if (e.columns === undefined) return { m, categorical: e.categorical };
  return { m: takeColumns(m, e.columns), categorical: e.columns.map((c) => e.categorical[c] === true) };
}

/**
 * A column of text (or booleans) with at least this many indicators is "many-level": the "…, many-level columns
 * left out" encodings drop such columns, where another column is left (integer codes stay: as numbers they are one
 * column). A linear model on all the columns pays for their coefficients with one L2 strength, which also shrinks
 * the columns that carry the dependence: Rdatasets' openintro/nba_players_19.csv --y position (494 rows; team and
 * team_abbr 29 indicators each, number, height) read 0.533 nats, 0.729 without the two team columns (height
 * alone: scikit-learn's logistic bound 0.713). The MI of a subset of X is at most that of X, so the encoding is one
 * more bound, chosen on held-out rows like the others (the classifier's trees then read the same columns; the
 * regression's trees read every column).
 */
export const MANY_LEVEL_INDICATORS = 10;

/**
 * The columns of a side but its many-level ones (text columns of MANY_LEVEL_INDICATORS indicators or more), what the
 * "…, many-level columns left out" encodings read; null where there is no such column or nothing else is left.
 */
export function fewLevelColumns(
  m: Matrix<Float64Array>,
  categorical: readonly boolean[],
  declared: readonly boolean[],
): number[] | null {
  const many = (c: number) => declared[c] === true && columnIndicators(m, c).count >= MANY_LEVEL_INDICATORS;
  const few = categorical.flatMap((f, c) => (f && many(c) ? [] : [c]));
  return few.length > 0 && few.length < m.cols ? few : null;
}

/** Whether an encoding leaves the many-level columns out (fewLevelColumns). */
export function leavesManyLevelColumnsOut(e: FeatureEncoding): boolean {
  return e.columns !== undefined;
}

/**
 * The most indicator columns "indicators of rare levels" may add up to: the regression's ridge systems cost
 * (columns)³ per penalty and fold, and a column of zip codes could otherwise bring thousands.
 */
const RARE_LEVEL_MAX_COLUMNS = 400;

/**
 * "indicators of rare levels" is offered where a categorical column has at least this share of the rows in levels
 * of 2 to 4 rows: a grouping of the rows (states, patients), not a long tail of rare values. The six seed-6
 * Rdatasets tables it helped have 95–100% of their rows so grouped; on four larger tables with 9–40% (dates,
 * mills, pollsters) it changed no estimate and took up to twice as long (coffee_ratings 6.4 → 13.3 s).
 */
const RARE_LEVEL_MIN_SHARE = 0.5;

/**
 * Below this many rows "indicators of rare levels" is offered wherever a level has 2 to 4 rows, whatever their
 * share: on a small table its fits cost little, and a few rare levels can carry the label. Rdatasets'
 * openintro/climber_drugs.csv --y concomitant (211 rows; "yes" for three substances, one of them of 2 rows, 11% of
 * the rows in such levels) read 0.221 nats, 0.277 with it (scikit-learn's logistic bound 0.263, H 0.280).
 */
const RARE_LEVEL_ANY_SHARE_ROWS = 1000;

/**
 * The encodings a linear model tries for a feature side, indicators first. A column the reader declared
 * categorical (strings, booleans: `declared[c]`) has no order and enters as indicators in both. An integer column
 * detected as categorical may be an ordered code (cylinders 3…8, a party size 1…6, a rating): there one slope fits
 * what indicators spread over many coefficients, and on small tables that matters (mpg, 392 rows, origin from 7
 * columns: 0.369 nats by indicators of cylinders and model year, where scikit-learn's logistic regression on the
 * raw numbers reads 0.40–0.44). Which reading predicts better is chosen on held-out rows, like the capacity. Only
 * when such a column has at least two indicators does the "codes as numbers" encoding differ (a binary code is the
 * same model either way), so it is offered only then.
 *
 * Levels of fewer than 5 rows share the reference level's coefficient by default (one-hot.ts). Where some have 2 to
 * 4 rows, a third encoding gives them indicators too: a value shared within a group of a few rows (a state's vote
 * for its two senators, a patient's sex over visits) is then read off the group's other rows. Rdatasets'
 * pscl/iraqVote.csv --y gorevote (50 states, 2 senators each) read 0.134 nats without it where scikit-learn's ridge
 * on all the indicators reads ≥ 0.871; as a third encoding chosen on held-out rows it costs nothing where it does
 * not predict better (a coefficient on two rows is mostly noise). It is offered where such levels hold most rows
 * of a column (RARE_LEVEL_MIN_SHARE; on fewer than RARE_LEVEL_ANY_SHARE_ROWS rows, wherever there are such
 * levels), up to RARE_LEVEL_MAX_COLUMNS indicators.
 */
export function featureEncodings(
  m: Matrix<Float64Array>,
  categorical: readonly boolean[],
  declared: readonly boolean[],
): FeatureEncoding[] {
  const encodings: FeatureEncoding[] = [{ name: "indicators", categorical, trees: true }];
  let columns = 0;
  let grouping = false;
  let ordered = false;
  for (const [c, f] of categorical.entries()) {
    if (!f) continue;
    const usual = columnIndicators(m, c);
    ordered ||= declared[c] !== true && usual.count >= 2;
    const rare = columnIndicators(m, c, 0, RARE_LEVEL_MIN_ROWS);
    columns += rare.count;
    let rows = 0;
    rare.counts.forEach((k, l) => {
      if (rare.indicator[l] !== -1 && k >= RARE_LEVEL_MIN_ROWS && k < MIN_ROWS_PER_INDICATOR) rows += k;
    });
    grouping ||= rows >= RARE_LEVEL_MIN_SHARE * m.rows || (rows > 0 && m.rows < RARE_LEVEL_ANY_SHARE_ROWS);
  }
  if (grouping && columns <= RARE_LEVEL_MAX_COLUMNS) {
    encodings.push({ name: "indicators of rare levels", categorical, minRows: RARE_LEVEL_MIN_ROWS, trees: false });
  }
  const numbers = categorical.map((f, c) => f && declared[c] === true);
  if (ordered) encodings.push({ name: "codes as numbers", categorical: numbers, trees: true });
  const few = fewLevelColumns(m, categorical, declared);
  if (few !== null) {
    encodings.push({ name: "indicators, many-level columns left out", categorical, trees: true, columns: few });
    if (ordered) {
      const name = "codes as numbers, many-level columns left out";
      encodings.push({ name, categorical: numbers, trees: true, columns: few });
    }
  }
  return encodings;
}
