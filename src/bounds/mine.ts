import { InfonceError } from "../errors.js";
import type { BoundValue, RealArray, ScoreMatrix } from "../types.js";
import type { BoundParam, BoundSpec, TrainingGradient } from "./bound-spec.js";
import { checkBoundParam, checkScoreMatrix } from "./check-score-matrix.js";
import { checkMeanExpRepresentable, diagonalMean, offDiagonalLogMeanExp } from "./off-diagonal.js";

/** MINE's running state: the exponential moving average of mean_{j≠i} e^{S_ij} over past batches. */
export interface MineState {
  readonly ema: number;
}

/** Options of mineBound (and of `bound("mine", …)`): the same keys as the mine estimator's. */
export interface MineOptions {
  /** The previous call's state; undefined on the first batch. */
  readonly state?: MineState;
  /** Weight of the past in the moving average, in [0, 1]. Default 0.9 (Belghazi et al. 2018; Poole's code). */
  readonly mineMomentum?: number;
}

/** MINE's result: the DV value, the moving-average gradient, its surrogate objective and the new state. */
export interface MineBoundValue extends BoundValue {
  readonly objective: number;
  readonly state: MineState;
}

/** The moving average's momentum (Belghazi et al. 2018; Poole et al.'s code use 0.9). */
const MOMENTUM: BoundParam<"mineMomentum"> = {
  key: "mineMomentum",
  symbol: "momentum",
  default: 0.9,
  check: (m) => m >= 0 && m <= 1,
  expected: "a number in [0, 1] (the weight of the past in the moving average)",
  doc: "MINE's moving average: the weight of the past batches",
};

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
 * @param options.state the previous call's state, or undefined on the first batch.
 * @param options.mineMomentum the weight of the past in the moving average; default 0.9.
 * @throws InfonceError E_DATA for K = M = 1, E_VALUE for a NaN/±∞ entry, a bad state or momentum, or a batch
 *   mean of e^S beyond float64 (scores ≳ 709).
 */
export function mineBound(S: ScoreMatrix, options: MineOptions = {}): MineBoundValue {
  checkScoreMatrix(S, "mineBound", 1);
  const { state } = options;
  const momentum = options.mineMomentum ?? MOMENTUM.default;
  checkBoundParam(MOMENTUM, momentum, "mineBound");
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
  const ema = nextEma(state, momentum, batchMean);
  const grad = new Float64Array(K * M);
  mineGradientInto(s, K, M, ema, grad);
  const diag = diagonalMean(s, K, M);
  return { value: diag - lme, grad, objective: diag - batchMean / ema, state: { ema } };
}

/** The moving average after a batch whose mean of e^S is batchMean (the first batch sets it), floored. */
function nextEma(state: MineState | undefined, momentum: number, batchMean: number): number {
  const ema = state === undefined ? batchMean : momentum * state.ema + (1 - momentum) * batchMean;
  return Math.max(ema, EMA_FLOOR);
}

/** MINE's gradient at the moving average ema: 1/K on the diagonal, −e^{S_ij}/(K(M−1)·ema) off it. */
function mineGradientInto(s: ArrayLike<number>, K: number, M: number, ema: number, grad: RealArray): void {
  const logScale = Math.log(K * (M - 1)) + Math.log(ema);
  for (let i = 0; i < K; i++) {
    const base = i * M;
    for (let j = 0; j < M; j++) grad[base + j] = j === i ? 1 / K : -Math.exp((s[base + j] as number) - logScale);
  }
}

/**
 * MINE's gradient across the batches of one training run: each call updates the moving average with the batch
 * (an overflowing batch mean makes it +∞ and the negatives' gradient 0, never NaN) and writes the gradient.
 */
function mineTrainingGradient(momentum: number): TrainingGradient {
  let state: MineState | undefined;
  return (s, K, M, grad) => {
    const ema = nextEma(state, momentum, Math.exp(offDiagonalLogMeanExp(s, K, M, Number.POSITIVE_INFINITY)));
    state = { ema };
    mineGradientInto(s, K, M, ema, grad);
  };
}

export const mineSpec: BoundSpec<"mine", "mineMomentum", MineOptions, MineBoundValue> = {
  name: "mine",
  label: "MINE",
  description: "MINE (Belghazi 2018): the DV bound trained with a moving-average gradient",
  param: MOMENTUM,
  cappedByLogK: false,
  minNegatives: 1,
  // Stateless, a call is MINE's first batch: the DV value and the gradient at ema = the batch mean (floored).
  valueAndGradient: (s, K, M, _momentum, grad) => {
    const lme = offDiagonalLogMeanExp(s, K, M, Number.POSITIVE_INFINITY);
    mineGradientInto(s, K, M, nextEma(undefined, 0, Math.exp(lme)), grad);
    return diagonalMean(s, K, M) - lme;
  },
  evaluate: (S, mineMomentum, options) => mineBound(S, { state: options.state, mineMomentum }),
  extraOptions: ["state"],
  stateful: { valueFrom: "dv", createGradient: mineTrainingGradient },
};
