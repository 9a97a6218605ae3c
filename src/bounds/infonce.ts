import type { BoundValue, ScoreMatrix } from "../types.js";
import type { BoundSpec } from "./bound-spec.js";
import { checkScoreMatrix } from "./check-score-matrix.js";
import { infonceInto } from "./infonce-row.js";
import { symmetricInfonceBound } from "./symmetric-infonce.js";

/**
 * The InfoNCE lower bound on I(X;Y) (van den Oord et al. 2018, "Representation Learning with Contrastive
 * Predictive Coding"; Poole et al. 2019, eq. 12), row-wise, with its exact gradient.
 *
 *   value = log M + (1/K) Σ_i ( S_ii − logsumexp_j S_ij ) = (1/K) Σ_i ( S_ii − log mean_j e^{S_ij} )
 *   ∂value/∂S_ij = (1/K) ( [i = j] − softmax_j(S_i·)_j )
 *
 * @param S K×M row-major, S[i*M + j] = f(x_i, y_j), M ≥ K. Column i is row i's positive; every other column is a
 *   negative, so each row has M candidates (the positive included): the square K×K in-batch case, or K×M with
 *   M − K extra negatives shared by all rows.
 * @returns value in nats, never above log M (clamped there: rounding may not lift it past the theorem), and
 *   grad (K×M, float64). K = M = 1 gives value 0 and grad 0. Collapsed scores (all equal) give exactly 0.
 * @throws InfonceError E_SHAPE for M < K or a wrong data length, E_VALUE for a NaN/±∞ entry (named by position).
 */
export function infonceBound(S: ScoreMatrix): BoundValue {
  checkScoreMatrix(S, "infonceBound", 0);
  const grad = new Float64Array(S.rows * S.cols);
  return { value: infonceInto(S.data, S.rows, S.cols, grad), grad };
}

/** Options of `bound("infonce", …)`. */
export interface InfonceBoundOptions {
  /** The symmetric (CLIP) form: the mean of the row- and column-wise bounds (square S). */
  readonly symmetric?: boolean;
}

export const infonceSpec: BoundSpec<"infonce", never, InfonceBoundOptions> = {
  name: "infonce",
  label: "InfoNCE",
  description: "InfoNCE (van den Oord 2018): trained critic, low variance, never above log K of the batch",
  cappedByLogK: true,
  minNegatives: 0,
  kernelCode: 0,
  valueAndGradient: (s, K, M, _param, grad) => infonceInto(s, K, M, grad),
  evaluate: (S, _param, options) => (options.symmetric ? symmetricInfonceBound(S) : infonceBound(S)),
  extraOptions: ["symmetric"],
};
