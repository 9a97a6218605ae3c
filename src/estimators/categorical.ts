import { InfonceError } from "../errors.js";
import type { ColumnCategories, EstimateOptions, Matrix, SettingSpecs } from "../types.js";
import { intSetting } from "./classical-estimate.js";

/**
 * A column can be categorical only when every value is an integer and it holds at most this many distinct values
 * (codes of categories, counts, ratings). Overridable per side (`discrete: { x, y }`) and by the `maxCategories`
 * setting.
 */
export const MAX_CATEGORIES = 20;

/** The settings of the estimators that tell categorical columns from continuous ones (sideKinds reads them). */
export const CATEGORICAL_SETTINGS = {
  discrete: {
    type: "sides",
    defaultDoc: "declared by the reader, else detected",
    doc: "Force a side categorical or continuous: { x?: boolean, y?: boolean }",
  },
  "discrete.x": {
    type: "boolean",
    defaultDoc: "detected",
    doc: "discrete.x as one flat key (--set discrete.x=true)",
  },
  "discrete.y": { type: "boolean", defaultDoc: "detected", doc: "discrete.y as one flat key" },
  maxCategories: {
    type: "integer",
    min: 1,
    default: MAX_CATEGORIES,
    doc: "Most distinct integer values a column may hold to be detected as categorical",
  },
} as const satisfies SettingSpecs;

/**
 * A side detected as categorical must have at least this many rows per distinct row (on average). Integer columns
 * whose joint values are nearly all distinct are ordinal measurements, not categories: 64 pixel columns of 17 grey
 * levels each give ~n distinct images, and a plug-in table over them has one row per cell (it reports ≈ log n
 * whatever the dependence). Five rows per level is also where the discrete estimator stops warning that its table
 * is sparse.
 */
export const MIN_ROWS_PER_LEVEL = 5;

/**
 * A side of one integer column, when `maxCategories` is not set, is a label up to this many distinct values as
 * long as each value holds MIN_ROWS_PER_LABEL rows on average. For one column the MI is the same whether its
 * values are read as categories or as numbers (relabelling a discrete variable keeps it), so the reading only picks
 * the estimator; read as numbers, integer-coded classes go to regression or KSG, which see an order that is not
 * there (30 classes coded 100…129 against 8 Gaussian features, n 3,000, true MI 2.745: auto 0.230 by regression,
 * 2.713 by the classifier). A count read as a label loses little: multinomial logistic regression contains Poisson
 * regression (log p(k|x) = k·a·x − log k! + c).
 */
export const MAX_LABEL_CLASSES = 50;

/** Rows per distinct value (on average) a single integer column needs to be read as a label of > MAX_CATEGORIES. */
export const MIN_ROWS_PER_LABEL = 20;

/** The most distinct values a side of one integer column of `rows` rows may hold to be detected as categorical. */
export function singleColumnLimit(rows: number, maxCategories = MAX_CATEGORIES): number {
  return Math.max(maxCategories, Math.min(MAX_LABEL_CLASSES, Math.floor(rows / MIN_ROWS_PER_LABEL)));
}

/**
 * Whether a single integer column with more than MAX_CATEGORIES values looks like class codes rather than a count:
 * at most a tenth of its values occur fewer than MIN_ROWS_PER_LEVEL times. A count's tail is a run of rare values
 * (Poisson claims, 28 values in 3,000 rows, 10 of them in < 5 rows), which the classifier fits slowly (unpenalised
 * intercepts of near-empty classes: 25 s for 0.434 where KSG takes 0.5 s for 0.444, true MI 0.473); class codes
 * fill every class.
 */
function classCodes(m: Matrix<Float64Array>): boolean {
  const counts = new Map<number, number>();
  for (let i = 0; i < m.rows; i++) counts.set(m.data[i] as number, (counts.get(m.data[i] as number) ?? 0) + 1);
  let rare = 0;
  for (const c of counts.values()) if (c < MIN_ROWS_PER_LEVEL) rare++;
  return rare <= 0.1 * counts.size;
}

/** Whether column c of m is integer-valued with ≤ maxCategories distinct values. */
export function isCategoricalColumn(m: Matrix<Float64Array>, c: number, maxCategories = MAX_CATEGORIES): boolean {
  const seen = new Set<number>();
  for (let i = 0; i < m.rows; i++) {
    const v = m.data[i * m.cols + c] as number;
    if (!Number.isInteger(v)) return false;
    seen.add(v);
    if (seen.size > maxCategories) return false;
  }
  return true;
}

/** isCategoricalColumn for every column of m. */
export function categoricalColumns(m: Matrix<Float64Array>, maxCategories = MAX_CATEGORIES): boolean[] {
  const out: boolean[] = [];
  for (let c = 0; c < m.cols; c++) out.push(isCategoricalColumn(m, c, maxCategories));
  return out;
}

/** Number of distinct row tuples of m restricted to `columns`, counting stops once it exceeds `limit`. */
function distinctRows(m: Matrix<Float64Array>, columns: readonly number[], limit: number): number {
  const seen = new Set<string>();
  const key: number[] = new Array<number>(columns.length);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < columns.length; j++) key[j] = m.data[i * m.cols + (columns[j] as number)] as number;
    seen.add(key.join(","));
    if (seen.size > limit) break;
  }
  return seen.size;
}

/**
 * Categorical flags of one side's columns, detected from the data: a column declared categorical (a string or
 * boolean column, `declared[c]`) always is; the integer-valued columns with few values are categorical only while
 * their joint rows are few too (at most n / MIN_ROWS_PER_LEVEL distinct tuples); otherwise they are ordinal numbers
 * (pixels, counts) and continuous.
 */
export function detectCategorical(
  m: Matrix<Float64Array>,
  declared: readonly boolean[],
  maxCategories = MAX_CATEGORIES,
): boolean[] {
  const flags = categoricalColumns(m, maxCategories);
  const detected: number[] = [];
  flags.forEach((f, c) => {
    if (f && declared[c] !== true) detected.push(c);
  });
  const limit = Math.max(2, Math.floor(m.rows / MIN_ROWS_PER_LEVEL));
  const fewRows = detected.length === 0 || distinctRows(m, detected, limit) <= limit;
  return flags.map((f, c) => declared[c] === true || (f && fewRows));
}

/** Sides after checkSample: the kept columns, with their original numbers (to read `categories` by). */
export interface KeptSides {
  readonly x: Matrix<Float64Array>;
  readonly y: Matrix<Float64Array>;
  readonly keptX: readonly number[];
  readonly keptY: readonly number[];
}

/**
 * Whether each kept column (by its original number) was declared categorical by the reader: a string or boolean
 * column, which has category labels. Integer columns detected as categorical are not declared: their codes may
 * also be read as numbers (feature-encodings.ts).
 */
export function declaredCategorical(kept: readonly number[], labels: ColumnCategories["x"] | undefined): boolean[] {
  return kept.map((c) => labels?.[c] !== undefined);
}

/**
 * Categorical flags of both sides: forced per side by `discrete: { x?: boolean, y?: boolean }` (or the flat settings
 * "discrete.x" / "discrete.y", as `--set discrete.x=true` gives them), else declared by the reader (`categories`:
 * string and boolean columns) or detected by detectCategorical (a side of one column with singleColumnLimit's
 * wider limit unless `maxCategories` is set).
 */
export function sideKinds(
  sides: KeptSides,
  options: EstimateOptions,
  categories?: ColumnCategories,
): { readonly x: boolean[]; readonly y: boolean[] } {
  const maxCategories = intSetting(options, "maxCategories", MAX_CATEGORIES, 1);
  const forced = options.discrete;
  if (forced !== undefined && (typeof forced !== "object" || forced === null)) {
    throw new InfonceError("E_ARG", `discrete must be an object { x?: boolean, y?: boolean }, got ${String(forced)}`);
  }
  // The CLI's `--set discrete.x=true` arrives as a flat "discrete.x" key.
  const nested = (forced ?? {}) as { x?: unknown; y?: unknown };
  const f = { x: options["discrete.x"] ?? nested.x, y: options["discrete.y"] ?? nested.y };
  const side = (
    m: Matrix<Float64Array>,
    kept: readonly number[],
    labels: ColumnCategories["x"] | undefined,
    v: unknown,
    name: string,
  ): boolean[] => {
    if (v === undefined) {
      const wide = m.cols === 1 && options.maxCategories === undefined;
      const limit = wide && classCodes(m) ? singleColumnLimit(m.rows) : maxCategories;
      return detectCategorical(m, declaredCategorical(kept, labels), limit);
    }
    if (typeof v !== "boolean")
      throw new InfonceError("E_ARG", `discrete.${name} must be true or false, got ${String(v)}`);
    return new Array<boolean>(m.cols).fill(v);
  };
  return {
    x: side(sides.x, sides.keptX, categories?.x, f.x, "x"),
    y: side(sides.y, sides.keptY, categories?.y, f.y, "y"),
  };
}

/**
 * Integer codes 0…levels−1 of the distinct rows of m (a multi-column side is one categorical variable whose
 * categories are the row tuples), in order of first appearance.
 */
export function encodeRows(m: Matrix<Float64Array>): { readonly codes: Int32Array; readonly levels: number } {
  const codes = new Int32Array(m.rows);
  if (m.cols === 1) {
    const map = new Map<number, number>();
    for (let i = 0; i < m.rows; i++) {
      const v = m.data[i] as number;
      let code = map.get(v);
      if (code === undefined) {
        code = map.size;
        map.set(v, code);
      }
      codes[i] = code;
    }
    return { codes, levels: map.size };
  }
  const map = new Map<string, number>();
  for (let i = 0; i < m.rows; i++) {
    const key = Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)).join(",");
    let code = map.get(key);
    if (code === undefined) {
      code = map.size;
      map.set(key, code);
    }
    codes[i] = code;
  }
  return { codes, levels: map.size };
}
