import type { Matrix } from "../types.js";

/** What the column rule decided about one column: kept, set aside as constant, or set aside as a duplicate. */
export type ColumnVerdict =
  | { readonly kind: "kept" }
  | { readonly kind: "constant"; readonly value: number }
  | { readonly kind: "duplicate"; readonly of: number };

/** The verdict per column of m, and the per-column fingerprints the duplicates were found by. */
export interface ColumnJudgement {
  readonly verdicts: readonly ColumnVerdict[];
  /** Per column, a weighted sum over the judged rows: equal columns get equal keys (see judgeColumns). */
  readonly keys: Float64Array;
}

/**
 * The one rule for input columns, used by every estimator (sample-checks.ts, on all rows and again on a neural
 * estimator's training rows) and by the file readers (src/node/read): a column that is constant on `rows` carries no
 * information, and one equal on `rows` to an earlier kept column of its side adds none. Duplicates are found in one
 * pass by a fingerprint per column — a weighted sum with fixed pseudo-random row weights (golden-ratio steps, well
 * spread in [0.5, 1.5), the same for every column), so equal columns get equal keys — then confirmed value by value.
 *
 * @param m the columns, row-major
 * @param rows the rows to judge on (null: all rows)
 */
export function judgeColumns(m: Matrix<Float64Array>, rows: Int32Array | null = null): ColumnJudgement {
  const { data, cols } = m;
  const n = rows === null ? m.rows : rows.length;
  const first = new Float64Array(cols);
  const keys = new Float64Array(cols);
  // Per column, whether any value differs from its first: counted rather than stored per cell (a conditional store
  // per cell kept V8 at ~10 ns a cell on a 2M × 5 table; this loop runs at a few).
  const differs = new Float64Array(cols);
  if (n > 0)
    for (let c = 0; c < cols; c++) first[c] = data[(rows === null ? 0 : (rows[0] as number)) * cols + c] as number;
  let w = 0.5;
  for (let i = 0; i < n; i++) {
    w *= 1.618033988749895;
    w -= Math.floor(w);
    const weight = w + 0.5;
    const o = (rows === null ? i : (rows[i] as number)) * cols;
    for (let c = 0; c < cols; c++) {
      const v = data[o + c] as number;
      differs[c] = (differs[c] as number) + (v !== first[c] ? 1 : 0);
      keys[c] = (keys[c] as number) + v * weight;
    }
  }
  const constant = new Uint8Array(cols);
  for (let c = 0; c < cols; c++) constant[c] = differs[c] === 0 ? 1 : 0;
  const verdicts: ColumnVerdict[] = [];
  const byKey = new Map<number, number[]>();
  for (let c = 0; c < cols; c++) {
    if (constant[c] === 1) {
      verdicts.push({ kind: "constant", value: first[c] as number });
      continue;
    }
    const twins = byKey.get(keys[c] as number) ?? [];
    const twin = twins.find((t) => sameColumn(m, t, m, c, rows));
    if (twin !== undefined) {
      verdicts.push({ kind: "duplicate", of: twin });
      continue;
    }
    twins.push(c);
    byKey.set(keys[c] as number, twins);
    verdicts.push({ kind: "kept" });
  }
  return { verdicts, keys };
}

/** Column i of a equals column j of b on `rows` (null: all rows of a; b must have them), compared exactly. */
export function sameColumn(
  a: Matrix<Float64Array>,
  i: number,
  b: Matrix<Float64Array>,
  j: number,
  rows: Int32Array | null = null,
): boolean {
  const n = rows === null ? a.rows : rows.length;
  for (let t = 0; t < n; t++) {
    const r = rows === null ? t : (rows[t] as number);
    if (a.data[r * a.cols + i] !== b.data[r * b.cols + j]) return false;
  }
  return true;
}
