import { InfonceError } from "../errors.js";
import type { Matrix } from "../types.js";

/**
 * Cholesky factor L (lower triangular, row-major n×n, float64) of a symmetric positive-definite matrix A = L Lᵀ.
 * Throws E_VALUE naming `what` when A is not positive definite (a pivot ≤ 0 or not finite): the caller decides
 * whether to add a ridge.
 */
export function cholesky(a: Matrix, what = "matrix"): Float64Array {
  const n = a.rows;
  if (a.cols !== n) throw new InfonceError("E_SHAPE", `${what} must be square, got ${a.rows}×${a.cols}`);
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a.data[i * n + j] as number;
      for (let k = 0; k < j; k++) sum -= (l[i * n + k] as number) * (l[j * n + k] as number);
      if (i === j) {
        if (!(sum > 0) || !Number.isFinite(sum)) {
          throw new InfonceError(
            "E_VALUE",
            `${what} is not positive definite (pivot ${i} is ${sum}); it must be a valid covariance matrix`,
          );
        }
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / (l[j * n + j] as number);
      }
    }
  }
  return l;
}

/** log det A from its Cholesky factor: 2 Σ log L_ii. */
export function logDetFromCholesky(l: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log(l[i * n + i] as number);
  return 2 * s;
}

/** Solves L z = b in place (forward substitution), L lower triangular n×n row-major. */
export function solveLowerInPlace(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * n + k] as number) * (b[k] as number);
    b[i] = s / (l[i * n + i] as number);
  }
  return b;
}

/** Solves Lᵀ x = z in place (back substitution), L lower triangular n×n row-major: with solveLowerInPlace, A x = b. */
export function solveLowerTransposedInPlace(l: Float64Array, n: number, z: Float64Array): Float64Array {
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i] as number;
    for (let k = i + 1; k < n; k++) s -= (l[k * n + i] as number) * (z[k] as number);
    z[i] = s / (l[i * n + i] as number);
  }
  return z;
}

/**
 * out = L z, L lower triangular n×n row-major: how a Cholesky factor turns independent normals into a draw of its
 * law (the sampled tasks use it; their data depend on this order of summation).
 */
export function multiplyLowerInto(l: Float64Array, n: number, z: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k <= i; k++) s += (l[i * n + k] as number) * (z[k] as number);
    out[i] = s;
  }
  return out;
}

/** The sub-matrix of rows and columns [from, to) of a square matrix. */
export function principalBlock(a: Matrix, from: number, to: number): Matrix<Float64Array> {
  const n = to - from;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) out[i * n + j] = a.data[(from + i) * a.cols + from + j] as number;
  }
  return { rows: n, cols: n, data: out };
}
