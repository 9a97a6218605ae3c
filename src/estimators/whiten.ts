import { centreInPlaceAndCholesky } from "../math/centred-cholesky.js";
import { solveLowerInPlace } from "../math/cholesky.js";
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
  const out = Float64Array.from(data);
  const l = centreInPlaceAndCholesky(out, n, d);
  if (l === null) return m;
  for (let i = 0; i < n; i++) solveLowerInPlace(l, d, out.subarray(i * d, (i + 1) * d));
  return { rows: n, cols: d, data: out };
}
