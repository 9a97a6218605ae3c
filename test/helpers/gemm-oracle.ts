import type { Kernel } from "../../src/types.js";

/**
 * The readable GEMM every engine's gemm is tested against: C = alpha·op(A)·op(B) + beta·C as a plain triple loop
 * in float64 over the float32 inputs (BLAS sgemm semantics: op(A) is m×k, stored k×m when transA; op(B) is k×n,
 * stored n×k when transB; beta = 0 ignores C, so NaN there does not propagate). Returns a new m×n array.
 * It takes Kernel.gemm's arguments, whose declaration is the contract it checks.
 */
export function gemmOracle(
  ...[transA, transB, m, n, k, alpha, a, b, beta, c]: Parameters<Kernel["gemm"]>
): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        const x = transA ? (a[p * m + i] as number) : (a[i * k + p] as number);
        const y = transB ? (b[j * k + p] as number) : (b[p * n + j] as number);
        s += x * y;
      }
      out[i * n + j] = alpha * s + (beta === 0 ? 0 : beta * (c[i * n + j] as number));
    }
  }
  return out;
}
