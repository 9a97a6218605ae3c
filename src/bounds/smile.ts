import type { BoundValue, ScoreMatrix } from "../types.js";
import type { BoundParam, BoundSpec } from "./bound-spec.js";
import { checkBoundParam, checkScoreMatrix } from "./check-score-matrix.js";
import { jensenShannonObjective } from "./js.js";
import { diagonalMean, offDiagonalLogMeanExp } from "./off-diagonal.js";

/** SMILE's clip τ: Song & Ermon report τ = 1, 5 and 10; 5 is our default everywhere (the one place it is set). */
const TAU: BoundParam<"tau"> = {
  key: "tau",
  symbol: "τ",
  default: 5,
  check: (t) => typeof t === "number" && !Number.isNaN(t),
  expected: "a number (≤ 0 or Infinity: no clip)",
  doc: "SMILE's clip of the negatives' scores (≤ 0 or Infinity: no clip, i.e. DV)",
};

/** Options of smileBound (and of `bound("smile", …)`). */
export interface SmileOptions {
  /** The clip τ; default 5. ≤ 0 or Infinity: no clip (DV). */
  readonly tau?: number;
}

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
 * @param options.tau the clip τ (Song & Ermon use 1, 5, 10); default 5, as the smile estimator's.
 * @throws InfonceError E_DATA for K = M = 1, E_VALUE for a NaN/±∞ entry or a NaN τ.
 */
export function smileBound(S: ScoreMatrix, options: SmileOptions = {}): BoundValue & { readonly objective: number } {
  const tau = options.tau ?? TAU.default;
  checkBoundParam(TAU, tau, "smileBound");
  checkScoreMatrix(S, "smileBound", 1);
  const { rows: K, cols: M, data: s } = S;
  const grad = new Float64Array(K * M);
  const objective = jensenShannonObjective(s, K, M, grad);
  return { value: smileValue(s, K, M, tau), grad, objective };
}

function smileValue(s: ArrayLike<number>, K: number, M: number, tau: number): number {
  return diagonalMean(s, K, M) - offDiagonalLogMeanExp(s, K, M, tau > 0 ? tau : Number.POSITIVE_INFINITY);
}

export const smileSpec: BoundSpec<"smile", "tau", SmileOptions, BoundValue & { readonly objective: number }> = {
  name: "smile",
  label: "SMILE",
  description:
    "SMILE(τ) (Song & Ermon 2020): JS-trained critic, DV value with scores clipped to ±τ; an estimator, not a bound",
  param: TAU,
  cappedByLogK: false,
  minNegatives: 1,
  kernelCode: 4,
  valueAndGradient: (s, K, M, tau, grad) => {
    jensenShannonObjective(s, K, M, grad);
    return smileValue(s, K, M, tau);
  },
  evaluate: (S, tau) => smileBound(S, { tau }),
};
