import { InfonceError } from "../errors.js";
import { logSumExpBackwardRowsInto, logSumExpRowsInto } from "../math/log-softmax.js";
import type { Kernel } from "../types.js";
import { checkBandArgs, checkFiniteRows } from "./band-checks.js";
import { type CompiledKernel, isCompiledKernel } from "./compiled-kernel.js";

/** Options of infonceLossBlockwise. */
export interface BlockwiseOptions {
  /** Rows per band (memory O(block·N) per thread). Default 256. */
  readonly block?: number;
  /** When given (N×D), receives ∂loss/∂q. */
  readonly gradQ?: Float32Array;
  /** When given (N×D), receives ∂loss/∂k. */
  readonly gradK?: Float32Array;
}

const FN = "infonceLossBlockwise";

/**
 * The InfoNCE (cross-entropy) loss of N paired embeddings with scores S = q kᵀ / temperature, computed in bands
 * of rows so that S (N×N) is never held whole (van den Oord et al. 2018, eq. 4; the same loss as
 * torch.nn.functional.cross_entropy(q @ k.T / T, arange(N))):
 *   loss = (1/N) Σ_i ( logsumexp_j S_ij − S_ii ),
 *   ∂loss/∂S = (softmax_rows(S) − I) / N,  ∂loss/∂q = (∂loss/∂S) k / T,  ∂loss/∂k = (∂loss/∂S)ᵀ q / T.
 * q and k are N×D row-major (already normalised if cosine scores are wanted). Compiled kernels run it as one
 * native routine (both cores); the TypeScript kernel composes it from gemm and a float64 softmax per band.
 * Errors: E_SHAPE for mismatched buffers, E_VALUE for a non-finite entry or temperature ≤ 0.
 */
export function infonceLossBlockwise(
  kernel: Kernel,
  q: Float32Array,
  k: Float32Array,
  n: number,
  d: number,
  temperature: number,
  options: BlockwiseOptions = {},
): number {
  const block = options.block ?? 256;
  checkBandArgs(FN, n, d, block, [
    ["q", q],
    ["k", k],
    ["gradQ", options.gradQ],
    ["gradK", options.gradK],
  ]);
  if (!(temperature > 0 && Number.isFinite(temperature))) {
    throw new InfonceError("E_VALUE", `${FN}: temperature must be finite and > 0, got ${temperature}`);
  }
  const gradQ = options.gradQ ?? null;
  const gradK = options.gradK ?? null;
  const value = isCompiledKernel(kernel)
    ? kernel.infonceBlockwise(q, k, n, d, 1 / temperature, block, gradQ, gradK)
    : composed(kernel)(q, k, n, d, 1 / temperature, block, gradQ, gradK);
  if (!Number.isFinite(value)) {
    checkFiniteRows(FN, d, [
      ["q", q],
      ["k", k],
    ]);
    throw new InfonceError("E_VALUE", `${FN}: the loss overflowed (temperature ${temperature} too small?)`);
  }
  return value;
}

/**
 * The same algorithm as native/ik_loss.c from Kernel.gemm and a float64 softmax per row, as a function of the
 * compiled kernels' signature so that both paths take the same arguments.
 */
function composed(kernel: Kernel): CompiledKernel["infonceBlockwise"] {
  return (q, k, n, d, invTemp, block, gradQ, gradK) => {
    const rowsMax = Math.min(block, n);
    const band = new Float32Array(rowsMax * n);
    const lse = new Float64Array(rowsMax);
    let total = 0;
    for (let r0 = 0; r0 < n; r0 += block) {
      const rows = Math.min(block, n - r0);
      const qb = q.subarray(r0 * d, (r0 + rows) * d);
      kernel.gemm(false, true, rows, n, d, invTemp, qb, k, 0, band);
      logSumExpRowsInto(band, rows, n, lse);
      for (let i = 0; i < rows; i++) total += (lse[i] as number) - (band[i * n + r0 + i] as number);
      // ∂loss/∂S = (softmax − I) / n, written over the band.
      logSumExpBackwardRowsInto(band, 1 / n, rows, n, band);
      for (let i = 0; i < rows; i++) band[i * n + r0 + i] = (band[i * n + r0 + i] as number) - 1 / n;
      const g = band.subarray(0, rows * n);
      if (gradQ !== null)
        kernel.gemm(false, false, rows, d, n, invTemp, g, k, 0, gradQ.subarray(r0 * d, (r0 + rows) * d));
      if (gradK !== null) kernel.gemm(true, false, n, d, rows, invTemp, g, qb, r0 === 0 ? 0 : 1, gradK);
    }
    return total / n;
  };
}
