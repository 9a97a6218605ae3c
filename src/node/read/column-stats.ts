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

/** The facts of every column of m (after missing rows are dropped) in one row-major pass; distinct counting stops at the cap. */
export function columnInfos(
  names: readonly string[],
  m: Matrix<Float64Array>,
  missing: readonly number[],
  categories: readonly (readonly string[] | undefined)[],
): ColumnInfo[] {
  const { data, rows, cols } = m;
  const min = new Float64Array(cols).fill(Number.POSITIVE_INFINITY);
  const max = new Float64Array(cols).fill(Number.NEGATIVE_INFINITY);
  const fractional = new Uint8Array(cols);
  const seen: (Set<number> | null)[] = Array.from({ length: cols }, () => new Set<number>());
  let counting = cols;
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let j = 0; j < cols; j++) {
      const v = data[base + j]!;
      if (v < min[j]!) min[j] = v;
      if (v > max[j]!) max[j] = v;
      if (fractional[j] === 0 && v !== Math.floor(v)) fractional[j] = 1;
    }
    if (counting > 0) {
      for (let j = 0; j < cols; j++) {
        const s = seen[j];
        if (s === null || s === undefined) continue;
        s.add(data[base + j]!);
        if (s.size > DISTINCT_CAP) {
          seen[j] = null;
          counting--;
        }
      }
    }
  }
  return names.map((name, j) => {
    const cats = categories[j];
    return {
      name,
      distinct: seen[j]?.size ?? null,
      integer: fractional[j] === 0,
      min: min[j]!,
      max: max[j]!,
      missing: missing[j] ?? 0,
      ...(cats === undefined ? {} : { categories: cats }),
    };
  });
}
