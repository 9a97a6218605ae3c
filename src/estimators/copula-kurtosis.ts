import { cholesky, solveLowerInPlace } from "../math/cholesky.js";
import { joinColumns } from "../math/join-columns.js";
import type { Matrix } from "../types.js";
import { copulaTransform } from "./copula.js";

/** Mardia's multivariate kurtosis of the normal scores of [x y], and how far it lies from its value under a Gaussian. */
export interface CopulaKurtosis {
  /** b₂ = (1/n) Σ ((z_i − z̄)ᵀ S⁻¹ (z_i − z̄))², S the covariance with divisor n. */
  readonly b2: number;
  /** Its mean for a d-dimensional Gaussian sample of n rows: d(d + 2)(n − 1)/(n + 1). */
  readonly expected: number;
  /** (b₂ − expected) / √(8 d (d + 2) / n): standard normal for a Gaussian sample as n grows. */
  readonly z: number;
}

/**
 * Mardia's (1970) kurtosis test, applied to the Gaussian copula: the columns of x and y are replaced by their
 * normal scores (copula.ts), so each is Gaussian by construction and what b₂ measures is whether their joint law
 * is — whether the Gaussian-copula estimate is the MI (it is exact then) or only the MI of a Gaussian with the same
 * rank correlations. Heavy joint tails (a t copula) raise b₂, a dependence concentrated on a curve or a spiral
 * moves it; a Gaussian copula leaves |z| of order 1.
 *
 * Returns null when the normal scores are singular (a column a function of the others), where there is no test.
 */
export function copulaKurtosis(x: Matrix<Float64Array>, y: Matrix<Float64Array>): CopulaKurtosis | null {
  const n = x.rows;
  const d = x.cols + y.cols;
  const z = joinColumns(copulaTransform(x), copulaTransform(y)).data;
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
  let l: Float64Array;
  try {
    l = cholesky({ rows: d, cols: d, data: cov }, "the normal scores' covariance");
  } catch {
    return null;
  }
  // (z_i − z̄)ᵀ S⁻¹ (z_i − z̄) = ‖L⁻¹ (z_i − z̄)‖².
  const v = new Float64Array(d);
  let b2 = 0;
  for (let i = 0; i < n; i++) {
    v.set(z.subarray(i * d, (i + 1) * d));
    solveLowerInPlace(l, d, v);
    let m = 0;
    for (let c = 0; c < d; c++) m += (v[c] as number) * (v[c] as number);
    b2 += (m * m) / n;
  }
  const expected = (d * (d + 2) * (n - 1)) / (n + 1);
  return { b2, expected, z: (b2 - expected) / Math.sqrt((8 * d * (d + 2)) / n) };
}
