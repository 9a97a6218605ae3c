import { InfonceError } from "../errors.js";
import type { Matrix } from "../types.js";

/**
 * Covariance matrices of the multivariate-normal tasks, (dimX + dimY)² row-major, X first.
 * The names follow the bmi benchmark (Czyż et al. 2023), so that our figures can be set beside theirs.
 */

function checkDims(dimX: number, dimY: number): void {
  for (const [what, v] of [
    ["dimX", dimX],
    ["dimY", dimY],
  ] as const) {
    if (!(Number.isInteger(v) && v >= 1)) throw new InfonceError("E_ARG", `${what} must be an integer ≥ 1, got ${v}`);
  }
}

/** bmi's "dense" law: unit variances, every off-diagonal entry `offDiag` (within and across X and Y). */
export function denseCovariance(dimX: number, dimY: number, offDiag: number): Matrix<Float64Array> {
  checkDims(dimX, dimY);
  const d = dimX + dimY;
  if (!(offDiag > -1 / (d - 1) && offDiag < 1)) {
    throw new InfonceError("E_VALUE", `offDiag must be in (−1/${d - 1}, 1) for a ${d}×${d} covariance, got ${offDiag}`);
  }
  const data = new Float64Array(d * d).fill(offDiag);
  for (let i = 0; i < d; i++) data[i * d + i] = 1;
  return { rows: d, cols: d, data };
}

/**
 * bmi's "sparse" (n-pair) law from its latent-variable model with noise weight 1 and signal weight `strength`:
 * X_i = λ Z_i + E_i and Y_i = λ Z_i + F_i for i < nInteracting; other coordinates λ V_i + E_i (independent).
 * So every variance is 1 + λ², Cov(X_i, Y_i) = λ² for the interacting pairs, all else 0:
 * nInteracting pairs with correlation ρ = λ²/(1 + λ²) (0.8 for λ = 2, I = −log(1 − 0.64) = 1.0217 for 2 pairs).
 */
export function sparseCovariance(
  dimX: number,
  dimY: number,
  nInteracting: number,
  strength: number,
): Matrix<Float64Array> {
  checkDims(dimX, dimY);
  if (!(Number.isInteger(nInteracting) && nInteracting >= 0 && nInteracting <= Math.min(dimX, dimY))) {
    throw new InfonceError(
      "E_ARG",
      `nInteracting must be an integer in [0, ${Math.min(dimX, dimY)}] for ${dimX}+${dimY} dims, got ${nInteracting}`,
    );
  }
  if (!Number.isFinite(strength)) throw new InfonceError("E_VALUE", `strength must be finite, got ${strength}`);
  const d = dimX + dimY;
  const v = 1 + strength * strength;
  const data = new Float64Array(d * d);
  for (let i = 0; i < d; i++) data[i * d + i] = v;
  for (let i = 0; i < nInteracting; i++) {
    data[i * d + dimX + i] = strength * strength;
    data[(dimX + i) * d + i] = strength * strength;
  }
  return { rows: d, cols: d, data };
}

/**
 * d coordinate pairs with correlation ρ each and unit variances: X ~ N(0, I_d), Y = ρX + √(1 − ρ²) ε
 * (the law of Poole et al.'s staircase and of torch_ref.py w1). I = −(d/2) log(1 − ρ²).
 */
export function pairedCovariance(d: number, rho: number): Matrix<Float64Array> {
  checkDims(d, d);
  if (!(Math.abs(rho) < 1)) throw new InfonceError("E_VALUE", `correlation rho must be in (−1, 1), got ${rho}`);
  const n = 2 * d;
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) data[i * n + i] = 1;
  for (let i = 0; i < d; i++) {
    data[i * n + d + i] = rho;
    data[(d + i) * n + i] = rho;
  }
  return { rows: n, cols: n, data };
}
