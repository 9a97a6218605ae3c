import type { BoundValue, ScoreMatrix } from "../types.js";
import type { BoundSpec, NoOptions } from "./bound-spec.js";
import { checkScoreMatrix } from "./check-score-matrix.js";
import { diagonalMean, diagonalMinusExpGradientInto, offDiagonalLogMeanExp } from "./off-diagonal.js";

/**
 * The Donsker–Varadhan lower bound (Donsker & Varadhan 1983; Poole et al. 2019, I_DV):
 *
 *   value = mean_i S_ii − log mean_{j≠i} e^{S_ij}
 *   ∂value/∂S_ii = 1/K,   ∂value/∂S_ij = −e^{S_ij} / Σ_{(a,b) off-diagonal} e^{S_ab}  (j ≠ i)
 *
 * The batch estimate of the log term is biased (log of a mean), which is why MINE and SMILE modify it.
 * Computed in the log domain: finite and exact for scores of ±1e4.
 * @param S K×M row-major (see infonceBound); the K·(M−1) off-diagonal entries are the negatives.
 * @throws InfonceError E_DATA when S has no off-diagonal entry (K = M = 1), E_VALUE for a NaN/±∞ entry.
 */
export function dvBound(S: ScoreMatrix): BoundValue {
  checkScoreMatrix(S, "dvBound", 1);
  const grad = new Float64Array(S.rows * S.cols);
  return { value: dvInto(S.data, S.rows, S.cols, grad), grad };
}

/** dvBound on a validated K×M score matrix, gradient into grad[0, K·M). */
export function dvInto(s: ArrayLike<number>, K: number, M: number, grad: Float64Array): number {
  const lme = offDiagonalLogMeanExp(s, K, M, Number.POSITIVE_INFINITY);
  diagonalMinusExpGradientInto(s, K, M, lme + Math.log(K * (M - 1)), grad);
  return diagonalMean(s, K, M) - lme;
}

export const dvSpec: BoundSpec<"dv", never, NoOptions> = {
  name: "dv",
  label: "DV",
  description: "Donsker–Varadhan (1983) with a trained critic: the batch value is biased upward and can exceed I",
  cappedByLogK: false,
  minNegatives: 1,
  kernelCode: 2,
  valueAndGradient: (s, K, M, _param, grad) => dvInto(s, K, M, grad),
  evaluate: (S) => dvBound(S),
};
