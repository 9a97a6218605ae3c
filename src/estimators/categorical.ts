import type { Matrix } from "../types.js";

/**
 * A column is taken as categorical when every value is an integer and it holds at most this many distinct
 * values (codes of categories, counts, ratings). Overridable per side (`discrete: { x, y }`) and by the
 * `maxCategories` setting.
 */
export const MAX_CATEGORIES = 20;

/** Whether column c of m looks categorical: integer-valued with ≤ maxCategories distinct values. */
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
