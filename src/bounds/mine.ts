import { InfonceError } from "../errors.js";
import type { BoundValue, ScoreMatrix } from "../types.js";
import { checkParameter, checkScoreMatrix } from "./check-score-matrix.js";
import { checkMeanExpRepresentable, diagonalMean, offDiagonalLogMeanExp } from "./off-diagonal.js";

/** MINE's running state: the exponential moving average of mean_{j≠i} e^{S_ij} over past batches. */
export interface MineState {
  readonly ema: number;
}

export interface MineOptions {
  /** Weight of the past in the moving average, in [0, 1]. Default 0.9 (Belghazi et al. 2018; Poole's code). */
  readonly momentum?: number;
}

/** MINE's result: the DV value, the moving-average gradient, its surrogate objective and the new state. */
export interface MineBoundValue extends BoundValue {
  readonly objective: number;
  readonly state: MineState;
}

/** Poole et al.'s floor on the moving average, so an early batch of tiny e^S cannot blow up the gradient. */
const EMA_FLOOR = 1e-4;

/**
 * MINE (Belghazi et al. 2018, "Mutual Information Neural Estimation"): reports the Donsker–Varadhan value and
 * trains with a bias-corrected gradient, where the denominator of ∂ log mean e^S is a moving average over
 * batches instead of the current batch's mean:
 *
 *   value     = mean_i S_ii − log mean_{j≠i} e^{S_ij}                      (= dvBound)
 *   ema'      = momentum · ema + (1 − momentum) · mean_{j≠i} e^{S_ij}       (first call: ema' = the batch mean),
 *               then clamped to ≥ 1e-4
 *   objective = mean_i S_ii − mean_{j≠i} e^{S_ij} / ema'                     (ema' held constant)
 *   grad      = ∂objective/∂S:  1/K on the diagonal,  −e^{S_ij} / (K(M−1) · ema') off it
 *
 * No hidden state: pass the returned `state` to the next call. With momentum = 1 the average never moves, so
 * grad is exactly ∂objective/∂S at a fixed ema (that is how the test checks it by finite differences).
 * @param S K×M row-major (see infonceBound).
 * @param state the previous call's state, or undefined on the first batch.
 * @throws InfonceError E_DATA for K = M = 1, E_VALUE for a NaN/±∞ entry, a bad state or momentum, or a batch
 *   mean of e^S beyond float64 (scores ≳ 709).
 */
export function mineBound(S: ScoreMatrix, state?: MineState, options: MineOptions = {}): MineBoundValue {
  checkScoreMatrix(S, "mineBound", 1);
  const momentum = options.momentum ?? 0.9;
  checkParameter(momentum, "momentum", "mineBound", 0, 1);
  if (state !== undefined && (!Number.isFinite(state.ema) || state.ema < 0)) {
    throw new InfonceError(
      "E_VALUE",
      `mineBound: state.ema = ${state.ema}; the moving average of e^S must be a finite number ≥ 0 (pass undefined on the first batch)`,
    );
  }
  const { rows: K, cols: M, data: s } = S;
  const lme = offDiagonalLogMeanExp(s, K, M, Number.POSITIVE_INFINITY);
  checkMeanExpRepresentable(lme, "mineBound");
  const batchMean = Math.exp(lme);
  const diag = diagonalMean(s, K, M);
  let ema = state === undefined ? batchMean : momentum * state.ema + (1 - momentum) * batchMean;
  if (ema < EMA_FLOOR) ema = EMA_FLOOR;
  const grad = new Float64Array(K * M);
  const logScale = Math.log(K * (M - 1)) + Math.log(ema);
  for (let i = 0; i < K; i++) {
    const base = i * M;
    for (let j = 0; j < M; j++) grad[base + j] = j === i ? 1 / K : -Math.exp((s[base + j] as number) - logScale);
  }
  return { value: diag - lme, grad, objective: diag - batchMean / ema, state: { ema } };
}
