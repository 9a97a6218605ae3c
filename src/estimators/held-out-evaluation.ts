import { Z_95 } from "../math/normal-distribution.js";
import type { Kernel } from "../types.js";
import { JACKKNIFE_MIN_ROWS, jackknifeBoundVariance } from "./bound-jackknife.js";
import { infonceRisePerDoubling } from "./infonce-saturation.js";
import type { CriticOptimizer } from "./neural-step.js";

/**
 * Largest automatic evaluation batch: a K×K float32 score matrix of 4,096² is 64 MiB (and its gradient buffer as
 * much); beyond it the held-out rows are cut into several batches.
 */
export const MAX_AUTO_EVAL_BATCH = 4096;

/**
 * Held-out rows that choose the early-stopping checkpoint, at most (whole batches, one at least): the rest report the
 * estimate. 8,192 rows put a standard error of about 0.01–0.02 nats on each evaluation, enough to rank checkpoints;
 * half of 100,000 held-out rows (12 batches of 4,000) cost 1.3 s an evaluation and most of a 58-s run.
 */
const MAX_VALIDATION_ROWS = 4 * MAX_AUTO_EVAL_BATCH;

/** The estimate on the held-out split: a mean over disjoint evaluation batches of K_eval rows, with its standard error. */
export interface HeldOutEvaluation {
  /** Mean of the per-batch bound values (nats). */
  readonly mean: number;
  /**
   * Standard error of that mean. On the test batches: the delete-a-group jackknife of each batch's value
   * (bound-jackknife.ts), pooled over batches, so one large batch has one too; on batches too small for it
   * (K_eval < 20), sd of the batch values / √batches; NaN when neither is possible.
   */
  readonly stderr: number;
  readonly ci95: readonly [number, number];
  /** Number of evaluation batches B. */
  readonly batches: number;
  /** Rows per evaluation batch, K_eval: log K_eval is InfoNCE's ceiling for this estimate. */
  readonly k: number;
  /** The per-batch values. */
  readonly values: Float64Array;
  /**
   * InfoNCE only (NaN otherwise, and on validation evaluations): how much the estimate rises when the candidates
   * double (K_eval/2 → K_eval), in units of log 2 — ≈ 0 when the bound has converged, → 1 when it is saturated
   * (infonce-saturation.ts).
   */
  readonly risePerDoubling: number;
}

/**
 * The held-out split cut once, in its shuffled order, into B = ⌊n_test/K_eval⌋ disjoint evaluation batches (the
 * leftover rows are unused): batches [0, validationBatches) choose the early-stopping checkpoint (half of them, at
 * most MAX_VALIDATION_ROWS rows), batches [reportFrom, B) report the estimate.
 */
export interface HeldOutBatches {
  /** Rows per batch, K_eval. */
  readonly k: number;
  readonly x: readonly Float32Array[];
  readonly y: readonly Float32Array[];
  readonly validationBatches: number;
  readonly reportFrom: number;
}

/**
 * Cuts the held-out rows (testX: nTest × dimX, testY: nTest × dimY) into evaluation batches of K_eval rows
 * (evaluationBatchSize) and assigns them to validation and test; warnings about the layout go to `warnings`.
 */
export function heldOutBatches(
  testX: Float32Array,
  dimX: number,
  testY: Float32Array,
  dimY: number,
  nTest: number,
  settings: { readonly evalBatchSize: number; readonly critic: "separable" | "concat" },
  k: number,
  warnings: string[],
): HeldOutBatches {
  const kEval = evaluationBatchSize(settings, k, nTest, warnings);
  const batches = Math.floor(nTest / kEval);
  const x = Array.from({ length: batches }, (_, b) => testX.subarray(b * kEval * dimX, (b + 1) * kEval * dimX));
  const y = Array.from({ length: batches }, (_, b) => testY.subarray(b * kEval * dimY, (b + 1) * kEval * dimY));
  // Early stopping picks the best of many evaluations, so the batches that pick it must not be the batches that
  // report it (the maximum of noisy means is biased upward; bmi reports that maximum). With ≥ 2 held-out batches
  // the first half (at most MAX_VALIDATION_ROWS rows) validates and the rest reports; with one they are shared, and the result says so.
  let validationBatches = batches;
  let reportFrom = 0;
  if (batches >= 2) {
    validationBatches = Math.min(Math.floor(batches / 2), Math.max(1, Math.floor(MAX_VALIDATION_ROWS / kEval)));
    reportFrom = validationBatches;
  } else {
    warnings.push(
      `the held-out split holds one evaluation batch of ${kEval} rows: the same batch chooses the early-stopping ` +
        "checkpoint and reports the estimate, which makes it optimistic by up to about one standard error. Use " +
        "more rows or a smaller evalBatchSize for separate validation and test batches.",
    );
  }
  if (batches - reportFrom < 2 && kEval < JACKKNIFE_MIN_ROWS) {
    warnings.push(
      `the estimate rests on one held-out batch of ${kEval} rows: too few for a standard error or interval. ` +
        "Use more rows.",
    );
  }
  return { k: kEval, x, y, validationBatches, reportFrom };
}

/**
 * K_eval: the explicit evalBatchSize (at most the held-out split), or automatically — for the separable critic, whose
 * scores on K_eval² pairs cost one GEMM — the held-out split cut into as few equal batches as MAX_AUTO_EVAL_BATCH
 * allows, two at least, each at least the training K; for the concat critic, whose K_eval² pairs each run the MLP,
 * the training K.
 */
function evaluationBatchSize(
  settings: { readonly evalBatchSize: number; readonly critic: "separable" | "concat" },
  k: number,
  nTest: number,
  warnings: string[],
): number {
  if (settings.evalBatchSize > 0) {
    if (settings.evalBatchSize <= nTest) return settings.evalBatchSize;
    warnings.push(
      `evalBatchSize ${settings.evalBatchSize} is larger than the held-out split (${nTest} rows); using ${nTest}.`,
    );
    return nTest;
  }
  if (settings.critic === "concat") return k;
  // As few batches as the size cap allows (at least two: validation and test), of equal size, so no held-out row
  // is left over for want of a full batch (10,000 rows: 4 × 2,500, not 2 × 4,096 with 1,808 unused).
  const batches = Math.max(2, Math.ceil(nTest / MAX_AUTO_EVAL_BATCH));
  return Math.min(nTest, Math.max(k, Math.floor(nTest / batches)));
}

/**
 * The bound on held-out batches [from, to) with the optimizer's current critic (no training): the mean of the batch
 * values, and — `withUncertainty` — the jackknife standard error and (InfoNCE) the rise per doubling of K;
 * otherwise the standard error from the spread of the batch values.
 */
export function evaluateHeldOut(
  opt: CriticOptimizer,
  batches: HeldOutBatches,
  from: number,
  to: number,
  withUncertainty: boolean,
  kernel: Kernel,
): HeldOutEvaluation {
  const b = to - from;
  const k = batches.k;
  const values = new Float64Array(b);
  const isNce = opt.choice.bound === "infonce";
  let jackknifeVariance = 0;
  let rise = 0;
  for (let i = 0; i < b; i++) {
    const j = from + i;
    const { value, scores } = opt.evaluateScores(batches.x[j] as Float32Array, batches.y[j] as Float32Array, k);
    values[i] = value;
    if (withUncertainty) {
      jackknifeVariance += jackknifeBoundVariance(kernel, opt.evaluatedBound, scores, k, opt.param);
      if (isNce) rise += infonceRisePerDoubling(kernel, scores, k, value);
    }
  }
  let mean = 0;
  for (let i = 0; i < b; i++) mean += values[i] as number;
  mean /= b;
  let stderr = Number.NaN;
  if (withUncertainty && Number.isFinite(jackknifeVariance)) {
    // The batches are disjoint, so their values are independent: Var(mean) = Σ Var(value_b) / B².
    stderr = Math.sqrt(jackknifeVariance) / b;
  } else if (b > 1) {
    let ss = 0;
    for (let i = 0; i < b; i++) ss += ((values[i] as number) - mean) ** 2;
    stderr = Math.sqrt(ss / (b - 1) / b);
  }
  return {
    mean,
    stderr,
    ci95: [mean - Z_95 * stderr, mean + Z_95 * stderr],
    batches: b,
    k,
    values,
    risePerDoubling: withUncertainty && isNce ? rise / b : Number.NaN,
  };
}
