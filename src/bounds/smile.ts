import { InfonceError } from "../errors.js";
import type { BoundValue, ScoreMatrix } from "../types.js";
import { checkScoreMatrix } from "./check-score-matrix.js";
import { jensenShannonObjective } from "./js.js";
import { diagonalMean, offDiagonalLogMeanExp } from "./off-diagonal.js";

/**
 * SMILE(τ) (Song & Ermon 2020, "Understanding the Limitations of Variational Mutual Information Estimators"):
 * the DV value with the negatives' scores clipped to [−τ, τ] inside the log term (bias/variance set by τ), and
 * the gradient of the Jensen–Shannon surrogate (see jsBound), which is what their code trains:
 *
 *   value     = mean_i S_ii − log mean_{j≠i} e^{clip(S_ij, −τ, τ)}
 *   objective = mean_i −softplus(−S_ii) − mean_{j≠i} softplus(S_ij)
 *   grad      = ∂objective/∂S
 *
 * τ = +∞, or τ ≤ 0 meaning "no clip", gives dvBound's value. Log domain throughout: finite at ±1e4.
 * @param S K×M row-major (see infonceBound).
 * @param tau the clip τ (Song & Ermon use 1, 5, 10); default 5.
 * @throws InfonceError E_DATA for K = M = 1, E_VALUE for a NaN/±∞ entry or a NaN τ.
 */
export function smileBound(S: ScoreMatrix, tau = 5): BoundValue & { readonly objective: number } {
  if (typeof tau !== "number" || Number.isNaN(tau)) {
    throw new InfonceError("E_VALUE", `smileBound: tau = ${tau}; the clip must be a number > 0 (∞ or ≤ 0: no clip)`);
  }
  checkScoreMatrix(S, "smileBound", 1);
  const { rows: K, cols: M, data: s } = S;
  const clip = tau > 0 ? tau : Number.POSITIVE_INFINITY;
  const value = diagonalMean(s, K, M) - offDiagonalLogMeanExp(s, K, M, clip);
  const grad = new Float64Array(K * M);
  const objective = jensenShannonObjective(s, K, M, grad);
  return { value, grad, objective };
}
