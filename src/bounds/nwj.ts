import type { BoundValue, ScoreMatrix } from "../types.js";
import type { BoundSpec, NoOptions } from "./bound-spec.js";
import { checkScoreMatrix } from "./check-score-matrix.js";
import {
  checkMeanExpRepresentable,
  diagonalMean,
  diagonalMinusExpGradientInto,
  offDiagonalLogMeanExp,
} from "./off-diagonal.js";

/**
 * The NWJ lower bound (Nguyen, Wainwright & Jordan 2010; Poole et al. 2019's I_NWJ = TUBA with a = e):
 *
 *   value = mean_i S_ii − e^{−1} · mean_{j≠i} e^{S_ij}
 *   ∂value/∂S_ii = 1/K,   ∂value/∂S_ij = −e^{S_ij − 1} / (K(M−1))  (j ≠ i)
 *
 * Unbiased for a fixed critic, with variance growing like e^{I}. Its optimal critic is 1 + pmi(x, y).
 * @param S K×M row-major (see infonceBound); the K·(M−1) off-diagonal entries are the negatives.
 * @throws InfonceError E_DATA when S has no off-diagonal entry (K = M = 1), E_VALUE for a NaN/±∞ entry or when
 *   mean e^{S} over the negatives overflows float64 (scores ≳ 709: the bound is then below −1e308).
 */
export function nwjBound(S: ScoreMatrix): BoundValue {
  checkScoreMatrix(S, "nwjBound", 1);
  checkMeanExpRepresentable(offDiagonalLogMeanExp(S.data, S.rows, S.cols, Number.POSITIVE_INFINITY), "nwjBound");
  const grad = new Float64Array(S.rows * S.cols);
  return { value: nwjInto(S.data, S.rows, S.cols, grad), grad };
}

/** nwjBound on a validated K×M score matrix, gradient into grad[0, K·M); −∞ when mean e^S overflows. */
export function nwjInto(s: ArrayLike<number>, K: number, M: number, grad: Float64Array): number {
  const lme = offDiagonalLogMeanExp(s, K, M, Number.POSITIVE_INFINITY);
  diagonalMinusExpGradientInto(s, K, M, 1 + Math.log(K * (M - 1)), grad);
  return diagonalMean(s, K, M) - Math.exp(lme - 1);
}

export const nwjSpec: BoundSpec<"nwj", never, NoOptions> = {
  name: "nwj",
  label: "NWJ",
  description: "NWJ (Nguyen, Wainwright, Jordan 2010): unbiased on a batch, variance grows like eᴵ",
  cappedByLogK: false,
  minNegatives: 1,
  kernelCode: 1,
  valueAndGradient: (s, K, M, _param, grad) => nwjInto(s, K, M, grad),
  evaluate: (S) => nwjBound(S),
};
