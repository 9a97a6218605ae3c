import { InfonceError } from "../errors.js";
import { checkBandArgs, checkFiniteRows } from "../linalg/band-checks.js";
import type { Kernel } from "../types.js";
import { siglipBandInPlace } from "./siglip-band.js";

/** Options of siglipLossBlockwise. */
export interface SiglipBlockwiseOptions {
  /** Rows per band: memory O(block·N). Default 256. */
  readonly block?: number;
  /** When given (N×D), receives ∂loss/∂x. */
  readonly gradX?: Float32Array;
  /** When given (N×D), receives ∂loss/∂y. */
  readonly gradY?: Float32Array;
}

export interface SiglipBlockwiseResult {
  /** open_clip's mean: Σ_ij ℓ_ij / N. */
  readonly loss: number;
  readonly gradLogitScale: number;
  readonly gradLogitBias: number;
}

/**
 * The SigLIP loss (siglipLoss's formula) on float32 rows through the engine's GEMM, for large N: the N×N logits
 * are made a band of `block` rows at a time (kernel.gemm), the band goes through the same elementwise head as the
 * float64 path (losses/siglip-band.ts), and two more GEMMs per band give ∂x and ∂y. Memory O(block·N + N·D).
 * x and y are N×D row-major, already normalised if cosine similarity is wanted (as open_clip passes them).
 * @param scale t = e^{logit_scale} (not its log). @param bias b.
 */
export function siglipLossBlockwise(
  kernel: Kernel,
  x: Float32Array,
  y: Float32Array,
  n: number,
  d: number,
  scale: number,
  bias: number,
  options: SiglipBlockwiseOptions = {},
): SiglipBlockwiseResult {
  const FN = "siglipLossBlockwise";
  const block = options.block ?? 256;
  checkBandArgs(FN, n, d, block, [
    ["x", x],
    ["y", y],
    ["gradX", options.gradX],
    ["gradY", options.gradY],
  ]);
  if (!(scale > 0 && Number.isFinite(scale)) || !Number.isFinite(bias)) {
    throw new InfonceError("E_VALUE", `${FN}: scale must be finite and > 0 and bias finite, got ${scale} and ${bias}`);
  }
  checkFiniteRows(FN, d, [
    ["x", x],
    ["y", y],
  ]);
  const gradX = options.gradX ?? null;
  const gradY = options.gradY ?? null;
  const band = new Float32Array(Math.min(block, n) * n);
  let total = 0;
  let gradBias = 0;
  let gradLogScale = 0;
  for (let r0 = 0; r0 < n; r0 += block) {
    const rows = Math.min(block, n - r0);
    const xb = x.subarray(r0 * d, (r0 + rows) * d);
    kernel.gemm(false, true, rows, n, d, scale, xb, y, 0, band);
    const sums = siglipBandInPlace(band, rows, n, r0, bias, 1 / n);
    total += sums.loss;
    gradBias += sums.gradBias;
    gradLogScale += sums.gradLogScale;
    const g = band.subarray(0, rows * n);
    if (gradX !== null) kernel.gemm(false, false, rows, d, n, scale, g, y, 0, gradX.subarray(r0 * d, (r0 + rows) * d));
    if (gradY !== null) kernel.gemm(true, false, n, d, rows, scale, g, xb, r0 === 0 ? 0 : 1, gradY);
  }
  if (!Number.isFinite(total)) {
    throw new InfonceError("E_VALUE", `${FN}: the loss overflowed (scale ${scale} too large for these embeddings?)`);
  }
  return { loss: total / n, gradLogitScale: gradLogScale, gradLogitBias: gradBias };
}
