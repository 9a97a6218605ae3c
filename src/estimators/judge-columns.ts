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
  const row = (i: number): number => (rows === null ? i : (rows[i] as number));
  const first = new Float64Array(cols);
  const constant = new Uint8Array(cols).fill(1);
  const keys = new Float64Array(cols);
  if (n > 0) for (let c = 0; c < cols; c++) first[c] = data[row(0) * cols + c] as number;
  let w = 0.5;
  for (let i = 0; i < n; i++) {
    w *= 1.618033988749895;
    w -= Math.floor(w);
    const o = row(i) * cols;
    for (let c = 0; c < cols; c++) {
      const v = data[o + c] as number;
      if (v !== first[c]) constant[c] = 0;
      keys[c] = (keys[c] as number) + v * (w + 0.5);
    }
  }
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
