import type { BoundValue, ScoreMatrix } from "../types.js";
import type { BoundSpec, NoOptions } from "./bound-spec.js";
import { checkScoreMatrix } from "./check-score-matrix.js";
import { checkMeanExpRepresentable, diagonalMean, offDiagonalLogMeanExp, sigmoid, softplus } from "./off-diagonal.js";

/**
 * The Jensen–Shannon surrogate (Nowozin et al. 2016's f-GAN JS; Hjelm et al. 2019) and its gradient, shared by
 * jsBound and smileBound: objective = mean_i −softplus(−S_ii) − mean_{j≠i} softplus(S_ij), written into `grad`:
 * ∂/∂S_ii = σ(−S_ii)/K, ∂/∂S_ij = −σ(S_ij)/(K(M−1)). Returns the objective. Stable for every finite score.
 */
export function jensenShannonObjective(s: ArrayLike<number>, K: number, M: number, grad: Float64Array): number {
  const nNeg = K * (M - 1);
  let joint = 0;
  let marg = 0;
  for (let i = 0; i < K; i++) {
    const base = i * M;
    for (let j = 0; j < M; j++) {
      const v = s[base + j] as number;
      if (j === i) {
        joint -= softplus(-v);
        grad[base + j] = sigmoid(-v) / K;
      } else {
        marg += softplus(v);
        grad[base + j] = -sigmoid(v) / nNeg;
      }
    }
  }
  return joint / K - marg / nNeg;
}

/**
 * Poole et al. 2019's I_JS (critic trained as in Hjelm et al. 2019, "Deep InfoMax"): the critic is trained on the
 * Jensen–Shannon objective, whose optimum is f* = pmi(x, y), and the MI is then read with NWJ on f + 1 (NWJ's
 * optimal critic is 1 + pmi):
 *
 *   value     = I_NWJ(f + 1) = 1 + mean_i S_ii − mean_{j≠i} e^{S_ij}
 *   objective = mean_i −softplus(−S_ii) − mean_{j≠i} softplus(S_ij)
 *   grad      = ∂objective/∂S (what training ascends; not ∂value/∂S):
 *               σ(−S_ii)/K on the diagonal, −σ(S_ij)/(K(M−1)) off it.
 *
 * Note: Song & Ermon's released code evaluates nwj(f) instead of nwj(f + 1); we follow the paper (see docs/bounds.md).
 * @param S K×M row-major (see infonceBound).
 * @throws InfonceError E_DATA for K = M = 1, E_VALUE for a NaN/±∞ entry or when mean e^S over the negatives
 *   overflows float64 (the value is then below −1e308; the objective and gradient alone would still be finite).
 */
export function jsBound(S: ScoreMatrix): BoundValue & { readonly objective: number } {
  checkScoreMatrix(S, "jsBound", 1);
  const { rows: K, cols: M, data: s } = S;
  checkMeanExpRepresentable(offDiagonalLogMeanExp(s, K, M, Number.POSITIVE_INFINITY), "jsBound");
  const grad = new Float64Array(K * M);
  const objective = jensenShannonObjective(s, K, M, grad);
  return { value: jsValue(s, K, M), grad, objective };
}

/** I_NWJ(f + 1) = 1 + mean_i S_ii − mean_{j≠i} e^{S_ij}: −∞ when the mean overflows float64. */
function jsValue(s: ArrayLike<number>, K: number, M: number): number {
  return 1 + diagonalMean(s, K, M) - Math.exp(offDiagonalLogMeanExp(s, K, M, Number.POSITIVE_INFINITY));
}

export const jsSpec: BoundSpec<"js", never, NoOptions, BoundValue & { readonly objective: number }> = {
  name: "js",
  label: "JS",
  description: "Jensen–Shannon-trained critic evaluated with NWJ on f + 1 (Hjelm 2019; Poole 2019)",
  cappedByLogK: false,
  minNegatives: 1,
  kernelCode: 3,
  valueAndGradient: (s, K, M, _param, grad) => {
    jensenShannonObjective(s, K, M, grad);
    return jsValue(s, K, M);
  },
  evaluate: (S) => jsBound(S),
};
