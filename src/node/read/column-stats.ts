import type { Matrix } from "../../types.js";

/** Distinct values are counted exactly up to this many; beyond, a column is certainly not categorical. */
export const DISTINCT_CAP = 1000;

/** What a reader reports about each selected column. */
export interface ColumnInfo {
  /** Column name as in the file (`emb[3]` for element 3 of an array field `emb`; `3` for column 3 of headerless data). */
  readonly name: string;
  /** Exact number of distinct values, or null when above DISTINCT_CAP (then the column is surely not categorical). */
  readonly distinct: number | null;
  /** True when every value is an integer (with few distinct values: likely a category code). */
  readonly integer: boolean;
  readonly min: number;
  readonly max: number;
  /** Missing cells in this column before their rows were dropped. */
  readonly missing: number;
  /** For a categorical (string or boolean) column: its labels, whose codes 0…m−1 the column holds. */
  readonly categories?: readonly string[];
}

/** The facts of column j of m (after missing rows are dropped), in one pass; distinct counting stops at the cap. */
export function columnInfo(
  name: string,
  m: Matrix<Float64Array>,
  j: number,
  missing: number,
  categories: readonly string[] | undefined,
): ColumnInfo {
  const { data, rows, cols } = m;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let integer = true;
  let seen: Set<number> | null = new Set();
  for (let r = 0; r < rows; r++) {
    const v = data[r * cols + j]!;
    if (v < min) min = v;
    if (v > max) max = v;
    if (integer && !Number.isInteger(v)) integer = false;
    if (seen !== null) {
      seen.add(v);
      if (seen.size > DISTINCT_CAP) seen = null;
    }
  }
  return {
    name,
    distinct: seen === null ? null : seen.size,
    integer,
    min,
    max,
    missing,
    ...(categories === undefined ? {} : { categories }),
  };
}
