/** What `auto` looks at in a sample (its profile): size, dimensions, each side's kind, and Mardia's test. */
import type { EstimateOptions, Matrix, PairedSample } from "../types.js";
import { AUTO_MAX_KSG_DIM } from "./auto-choice.js";
import { classifierFeatures } from "./auto-classifier-cost.js";
import { largestPointMass } from "./auto-point-mass.js";
import { declaredCategorical, encodeRows, sideKinds } from "./categorical.js";
import { codeCounts, mostFrequentCode } from "./code-counts.js";
import { copulaKurtosis } from "./copula-kurtosis.js";
import { fewLevelColumns } from "./feature-encodings.js";
import { checkSample, takeColumns } from "./sample-checks.js";

/** The type of one side of the data: all columns categorical, none, or some. */
export type DataKind = "discrete" | "continuous" | "mixed";

/** What `auto` looks at. */
export interface SampleProfile {
  readonly n: number;
  readonly dx: number;
  readonly dy: number;
  readonly kindX: DataKind;
  readonly kindY: DataKind;
  readonly categoricalX: readonly boolean[];
  readonly categoricalY: readonly boolean[];
  /** Distinct rows of a categorical side (its number of classes); 0 for a side that is not all categorical. */
  readonly levelsX?: number;
  readonly levelsY?: number;
  /**
   * A side's feature count with its categories one-hot (classifierFeatures), what the classifier and the regression
   * bound fit on; absent for a continuous side (its columns).
   */
  readonly featuresX?: number;
  readonly featuresY?: number;
  /**
   * The same for a mixed side without its many-level text columns (fewLevelColumns), what the classifier costs under
   * manyLevelColumns: 'leave out'; absent for other sides and where it has none or nothing else.
   */
  readonly fewLevelFeaturesX?: number;
  readonly fewLevelFeaturesY?: number;
  /**
   * A side that is one categorical column of numbers (integer codes detected as categorical, not strings or
   * booleans declared by the reader): its values have an order, which the regression bound can read.
   */
  readonly numericLabelX?: boolean;
  readonly numericLabelY?: boolean;
  /** Distinct values of a side that is one continuous column (the regression's target), else absent. */
  readonly valuesX?: number;
  readonly valuesY?: number;
  /** The share of the rows that such a side's most frequent value holds (its point mass), else absent. */
  readonly atomShareX?: number;
  readonly atomShareY?: number;
  /**
   * For continuous data in more than AUTO_MAX_KSG_DIM dimensions: Mardia's kurtosis z of the normal scores
   * (copula-kurtosis.ts), whether the dependence is a Gaussian copula. Absent where it was not computed.
   */
  readonly copulaKurtosisZ?: number;
  /** For continuous data: the largest share of the rows one value of a column takes (auto-point-mass.ts). */
  readonly pointMass?: number;
}

/**
 * From 3 to AUTO_MAX_KSG_DIM dimensions, Mardia's test runs from this many rows, and a Gaussian copula by it goes to
 * the Gaussian-copula estimate instead of KSG, whose downward bias there is of the order of 10% (3+3 Gaussian copula,
 * 1,000 rows, MI 0.8: KSG 0.722 over 10 samples; 2 pairs of 3+3, 5,000 rows, 1.022: 0.974). Below it the test
 * misses too much: at 200–500 rows y = x₁ + x₂ + uniform noise and y = sin 2x₁ + x₂/2 + noise read |z| < 3 in some
 * samples; from 1,000 rows every law tried was rejected (|z| ≥ 3.5: those two, y = x₁x₂ + ε, Y = X² + 0.3ε in 3+3,
 * Student-t, spiral and Swiss-roll tasks, a two-regime mixture), while Gaussian copulas read |z| ≤ 1.5.
 */
export const AUTO_LOW_DIM_COPULA_ROWS = 1000;

function kindOf(flags: readonly boolean[]): DataKind {
  if (flags.every(Boolean)) return "discrete";
  if (!flags.some(Boolean)) return "continuous";
  return "mixed";
}

/**
 * Profiles a sample: size, dimensions and the kind of each side (categorical columns declared by the reader,
 * detected as integer codes with few distinct rows — see detectCategorical —, or forced by `discrete: { x, y }`).
 */
export function profileSample(sample: PairedSample, options: EstimateOptions = {}): SampleProfile {
  const checked = checkSample(sample, "auto", 2, "any estimate needs two rows");
  const kinds = sideKinds(checked, options, sample.categories);
  const kindX = kindOf(kinds.x);
  const kindY = kindOf(kinds.y);
  return {
    n: checked.n,
    dx: checked.x.cols,
    dy: checked.y.cols,
    kindX,
    kindY,
    categoricalX: kinds.x,
    categoricalY: kinds.y,
    levelsX: kindX === "discrete" ? encodeRows(checked.x).levels : 0,
    levelsY: kindY === "discrete" ? encodeRows(checked.y).levels : 0,
    numericLabelX:
      kindX === "discrete" && checked.x.cols === 1 && !declaredCategorical(checked.keptX, sample.categories?.x)[0],
    numericLabelY:
      kindY === "discrete" && checked.y.cols === 1 && !declaredCategorical(checked.keptY, sample.categories?.y)[0],
    ...(kindX === "continuous" && checked.x.cols === 1 ? oneColumn(checked.x, "X") : {}),
    ...(kindY === "continuous" && checked.y.cols === 1 ? oneColumn(checked.y, "Y") : {}),
    ...(kindX !== "continuous" ? { featuresX: classifierFeatures(checked.x, kinds.x) } : {}),
    ...(kindY !== "continuous" ? { featuresY: classifierFeatures(checked.y, kinds.y) } : {}),
    ...(kindX === "mixed"
      ? fewLevelFeatures(checked.x, kinds.x, declaredCategorical(checked.keptX, sample.categories?.x), "X")
      : {}),
    ...(kindY === "mixed"
      ? fewLevelFeatures(checked.y, kinds.y, declaredCategorical(checked.keptY, sample.categories?.y), "Y")
      : {}),
    ...copulaTest(checked.x, checked.y, kindX === "continuous" && kindY === "continuous", options.seed),
    ...(kindX === "continuous" && kindY === "continuous"
      ? { pointMass: Math.max(largestPointMass(checked.x, kinds.x), largestPointMass(checked.y, kinds.y)) }
      : {}),
  };
}

/** A mixed side's feature count without its many-level text columns, under the side's profile key. */
function fewLevelFeatures(
  m: Matrix<Float64Array>,
  categorical: readonly boolean[],
  declared: readonly boolean[],
  side: "X" | "Y",
): Partial<SampleProfile> {
  const few = fewLevelColumns(m, categorical, declared);
  if (few === null) return {};
  const features = classifierFeatures(
    takeColumns(m, few),
    few.map((c) => categorical[c] === true),
  );
  return side === "X" ? { fewLevelFeaturesX: features } : { fewLevelFeaturesY: features };
}

/** A one-column side's distinct values and the share of its most frequent one, under the side's profile keys. */
function oneColumn(m: Matrix<Float64Array>, side: "X" | "Y"): Partial<SampleProfile> {
  const { codes, levels } = encodeRows(m);
  const counts = codeCounts(codes, levels);
  const share = (counts[mostFrequentCode(counts)] as number) / m.rows;
  return side === "X" ? { valuesX: levels, atomShareX: share } : { valuesY: levels, atomShareY: share };
}

/**
 * Mardia's z where the Gaussian-copula estimate may be the choice (continuous data): above AUTO_MAX_KSG_DIM, and
 * from 3 dimensions with AUTO_LOW_DIM_COPULA_ROWS rows; absent where copulaKurtosis has no test (too few rows).
 */
function copulaTest(
  x: Matrix<Float64Array>,
  y: Matrix<Float64Array>,
  continuous: boolean,
  seed = 0,
): { copulaKurtosisZ?: number } {
  const d = x.cols + y.cols;
  const lowDim = d >= 3 && x.rows >= AUTO_LOW_DIM_COPULA_ROWS;
  if (!continuous || (d <= AUTO_MAX_KSG_DIM && !lowDim)) return {};
  const k = copulaKurtosis(x, y, seed);
  return k === null ? {} : { copulaKurtosisZ: k.z };
}
