import { cholesky, solveLowerInPlace } from "../math/cholesky.js";
import type { Matrix } from "../types.js";

/** Columns above which a side is not decorrelated: the d² work per row would rival the critic's first layer. */
export const WHITEN_MAX_COLUMNS = 64;

/**
 * The columns of m decorrelated: row i becomes L⁻¹(m_i − mean), L the Cholesky factor of the columns' covariance
 * (divisor n), so the new columns are uncorrelated with variance 1. An invertible linear map of one side leaves the
 * MI unchanged; it changes what a critic must learn: strongly correlated columns (redundant features, copies with a
 * little noise) leave their information in small differences that a critic on the raw columns learns slowly —
 * InfoNCE on the normal scores of a 4+4 Gaussian copula whose columns are correlated 0.99 read 0.215 of 1 nat,
 * and 0.877 on the same columns decorrelated. The covariance reads one side only, never the pairing, so all rows may
 * enter it. Returns m itself when it has one column, more than WHITEN_MAX_COLUMNS, or a singular covariance.
 *
 * @param m n×d row-major (not modified)
 */
export function whitenColumns(m: Matrix<Float64Array>): Matrix<Float64Array> {
  const { rows: n, cols: d, data } = m;
  if (d < 2 || d > WHITEN_MAX_COLUMNS) return m;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < d; c++) mean[c] = (mean[c] as number) + (data[i * d + c] as number) / n;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < d; c++) out[i * d + c] = (data[i * d + c] as number) - (mean[c] as number);
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      const va = out[i * d + a] as number;
      for (let b = 0; b <= a; b++) cov[a * d + b] = (cov[a * d + b] as number) + (va * (out[i * d + b] as number)) / n;
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) cov[b * d + a] = cov[a * d + b] as number;
  let l: Float64Array;
  try {
    l = cholesky({ rows: d, cols: d, data: cov }, "the columns' covariance");
  } catch {
    return m;
  }
  for (let i = 0; i < n; i++) solveLowerInPlace(l, d, out.subarray(i * d, (i + 1) * d));
  return { rows: n, cols: d, data: out };
}
