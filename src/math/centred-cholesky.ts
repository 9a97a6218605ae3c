import { cholesky } from "./cholesky.js";

/**
 * Centres the columns of z in place (n×d row-major) and returns the Cholesky factor L (d×d, lower, row-major) of
 * their covariance with divisor n, or null when that covariance is not positive definite (a column a function of the
 * others). Mardia's b₂ (copula-kurtosis.ts) and whitening (whiten.ts) both start here.
 */
export function centreInPlaceAndCholesky(z: Float64Array, n: number, d: number): Float64Array | null {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) mean[c] = (mean[c] as number) + (z[i * d + c] as number) / n;
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) z[i * d + c] = (z[i * d + c] as number) - (mean[c] as number);
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let a = 0; a < d; a++) {
      const za = z[o + a] as number;
      for (let b = 0; b <= a; b++) cov[a * d + b] = (cov[a * d + b] as number) + (za * (z[o + b] as number)) / n;
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) cov[b * d + a] = cov[a * d + b] as number;
  try {
    return cholesky({ rows: d, cols: d, data: cov }, "the columns' covariance");
  } catch {
    return null;
  }
}
