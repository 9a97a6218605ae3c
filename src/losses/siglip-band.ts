import type { RealArray } from "../types.js";

/** What one band of SigLIP logits adds to the loss and to the scalar gradients. */
export interface SiglipBandSums {
  /** Σ over the band of softplus(−z_ij u_ij) (unweighted). */
  loss: number;
  /** Σ of the weighted ∂ℓ/∂u (→ ∂loss/∂logit_bias). */
  gradBias: number;
  /** Σ of the weighted ∂ℓ/∂u · (u − b) (→ ∂loss/∂logit_scale, since u − b = e^{logit_scale}·sim). */
  gradLogScale: number;
}

/**
 * The elementwise head of the SigLIP loss (Zhai et al. 2023; open_clip's SigLipLoss) on a band of rows of the
 * N×N logit matrix, shared by the float64 path and the kernel path:
 *
 *   u_ij = t·sim_ij + b,  z_ij = +1 on the diagonal and −1 elsewhere,  ℓ_ij = −log σ(z_ij u_ij) = softplus(−z_ij u_ij)
 *
 * On entry `band` holds t·sim (rows×n, row i of the band is row r0 + i of the matrix, its positive in column
 * r0 + i); on return it holds weight · ∂ℓ/∂(t·sim) = −weight · z σ(−z u). softplus and σ share one e^{−|x|}, so
 * logits of ±1e4 give exact 0 or |x| and never overflow. rowLoss (when given) receives each row's Σ_j ℓ_ij.
 */
export function siglipBandInPlace(
  band: RealArray,
  rows: number,
  n: number,
  r0: number,
  bias: number,
  weight: number,
  rowLoss?: Float64Array,
): SiglipBandSums {
  let loss = 0;
  let gradBias = 0;
  let gradLogScale = 0;
  for (let i = 0; i < rows; i++) {
    const o = i * n;
    const diag = r0 + i;
    let row = 0;
    for (let j = 0; j < n; j++) {
      const ts = band[o + j] as number;
      const u = ts + bias;
      // x = −z·u: the argument of softplus; ∂ℓ/∂u = −z σ(x).
      const x = j === diag ? -u : u;
      const e = Math.exp(-Math.abs(x));
      row += Math.max(x, 0) + Math.log1p(e);
      const sig = x >= 0 ? 1 / (1 + e) : e / (1 + e);
      const g = weight * (j === diag ? -sig : sig);
      band[o + j] = g;
      gradBias += g;
      gradLogScale += g * ts;
    }
    loss += row;
    if (rowLoss !== undefined) rowLoss[diag] = row;
  }
  return { loss, gradBias, gradLogScale };
}
