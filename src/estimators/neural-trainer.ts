import { createCritic } from "../critics/create-critic.js";
import { InfonceError } from "../errors.js";
import { getKernel } from "../linalg/engine.js";
import { Z_95 } from "../math/normal-distribution.js";
import { createRng, type Rng } from "../math/rng.js";
import type { BoundName, CurvePoint, Estimate, Kernel, PairedSample } from "../types.js";
import { JACKKNIFE_MIN_ROWS, jackknifeBoundVariance } from "./bound-jackknife.js";
import { copulaTransform } from "./copula.js";
import { infonceRisePerDoubling, SATURATION_RISE } from "./infonce-saturation.js";
import { boundParam, type NeuralSettings, neuralSettings } from "./neural-settings.js";
import { CriticOptimizer } from "./neural-step.js";

/**
 * Largest automatic evaluation batch: a K×K float32 score matrix of 4,096² is 64 MiB (and its gradient buffer as
 * much); beyond it the held-out rows are cut into several batches.
 */
export const MAX_AUTO_EVAL_BATCH = 4096;

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

/** Why training ended. */
export type StopReason = "maxSteps" | "plateau" | "stopped" | "running";

/**
 * Trains a critic on the training split with one bound and estimates MI on the held-out split.
 * The lower-level API (create → step(n) → evaluate()) lets the web playground animate training; the
 * estimator functions in neural.ts drive it with early stopping, progress and a stop signal.
 *
 * Protocol (docs/neural.md): rows are shuffled with the seed and split (trainFraction, default ½); every column is
 * standardised with the training split's mean and (population) sd; training batches are K rows drawn without
 * replacement, epoch by epoch; the held-out split is cut once, in its shuffled order, into B = ⌊n_test/K_eval⌋
 * disjoint evaluation batches (the leftover rows are unused), the first ⌊B/2⌋ validating (early stopping, the
 * checkpoint) and the rest reporting the estimate. K_eval defaults to half the held-out split for the separable
 * critic: the critic does not depend on K, and a bigger evaluation batch gives a tighter InfoNCE bound (its bias
 * shrinks as K grows) and a higher ceiling log K_eval, as bmi's evaluation on the whole test set does. The
 * estimate is the mean over the test batches, its standard error a jackknife (see HeldOutEvaluation). The
 * interval describes held-out sampling for this trained critic; it does not include the variation between
 * training runs.
 * Everything random derives from `seed`: same seed and data, same numbers (for a given kernel).
 */
export class NeuralTrainer {
  readonly settings: NeuralSettings;
  readonly warnings: string[] = [];
  /** Batch size actually used (the requested one, shrunk to the split sizes if needed). */
  readonly k: number;
  /** Rows per held-out evaluation batch (K_eval). */
  readonly kEval: number;
  readonly nTrain: number;
  readonly nTest: number;
  readonly kernel: Kernel;
  private readonly opt: CriticOptimizer;
  private readonly trainX: Float32Array;
  private readonly trainY: Float32Array;
  private readonly testXBatches: Float32Array[];
  private readonly testYBatches: Float32Array[];
  private readonly xb: Float32Array;
  private readonly yb: Float32Array;
  private readonly order: Int32Array;
  private readonly batchRng: Rng;
  private epochPos: number;
  private readonly dimX: number;
  private readonly dimY: number;
  private trainCurve = new Float64Array(1024);
  private stepCount = 0;
  private readonly evalSteps: number[] = [];
  private readonly evalMeans: number[] = [];
  private best = Number.NEGATIVE_INFINITY;
  private sinceBest = 0;
  private readonly evalValues: Float64Array;
  /** Held-out batches [0, validationBatches) choose the checkpoint; [reportFrom, end) give the reported estimate. */
  private readonly validationBatches: number;
  private readonly reportFrom: number;
  /** The critic's parameters at the best validation evaluation (early stopping restores them). */
  private readonly bestParameters: Float32Array;
  private bestStep = 0;
  private decaysTaken = 0;

  private constructor(sample: PairedSample, settings: NeuralSettings, kernel: Kernel) {
    this.settings = settings;
    this.kernel = kernel;
    const checked = checkSample(sample);
    // Ranks over all rows, train and held out: the transform reads each column's marginal only, never the pairing,
    // so it carries nothing about the dependence from the held-out rows into training.
    const x = settings.copula ? copulaTransform(checked.x) : checked.x;
    const y = settings.copula ? copulaTransform(checked.y) : checked.y;
    const n = x.rows;
    this.dimX = x.cols;
    this.dimY = y.cols;
    const nTrain = Math.round(n * settings.trainFraction);
    const nTest = n - nTrain;
    if (nTrain < 2 || nTest < 2) {
      throw new InfonceError(
        "E_DATA",
        `${n} rows split ${nTrain} train / ${nTest} held out (trainFraction ${settings.trainFraction}); each split needs ≥ 2 rows`,
      );
    }
    this.nTrain = nTrain;
    this.nTest = nTest;
    let k = settings.batchSize;
    if (k > Math.min(nTrain, nTest)) {
      k = Math.min(nTrain, nTest);
      this.warnings.push(
        `batch size ${settings.batchSize} is larger than the ${nTrain === k ? "training" : "held-out"} split (${k} rows); ` +
          `using K = ${k}. The InfoNCE ceiling is log K = ${Math.log(k).toFixed(3)} nats.`,
      );
    }
    this.k = k;

    // Split: a seeded permutation; the first nTrain rows train, the rest are held out.
    const perm = createRng(settings.seed, 1).shuffleInPlace(Int32Array.from({ length: n }, (_, i) => i));
    const [meanX, sdX] = columnStats(x.data, x.cols, perm, nTrain, settings.standardize, "x");
    const [meanY, sdY] = columnStats(y.data, y.cols, perm, nTrain, settings.standardize, "y");
    this.trainX = gatherStandardized(x.data, x.cols, perm, 0, nTrain, meanX, sdX);
    this.trainY = gatherStandardized(y.data, y.cols, perm, 0, nTrain, meanY, sdY);
    const testX = gatherStandardized(x.data, x.cols, perm, nTrain, n, meanX, sdX);
    const testY = gatherStandardized(y.data, y.cols, perm, nTrain, n, meanY, sdY);
    const kEval = evaluationBatchSize(settings, k, nTest, this.warnings);
    this.kEval = kEval;
    const batches = Math.floor(nTest / kEval);
    this.testXBatches = Array.from({ length: batches }, (_, b) =>
      testX.subarray(b * kEval * x.cols, (b + 1) * kEval * x.cols),
    );
    this.testYBatches = Array.from({ length: batches }, (_, b) =>
      testY.subarray(b * kEval * y.cols, (b + 1) * kEval * y.cols),
    );
    this.evalValues = new Float64Array(batches);
    // Early stopping picks the best of many evaluations, so the batches that pick it must not be the batches that
    // report it (the maximum of noisy means is biased upward; bmi reports that maximum). With ≥ 2 held-out batches
    // the first half validates and the second half reports; with one they are shared, and the result says so.
    if (batches >= 2) {
      this.validationBatches = Math.floor(batches / 2);
      this.reportFrom = this.validationBatches;
    } else {
      this.validationBatches = batches;
      this.reportFrom = 0;
      this.warnings.push(
        `the held-out split holds one evaluation batch of ${kEval} rows: the same batch chooses the early-stopping ` +
          "checkpoint and reports the estimate, which makes it optimistic by up to about one standard error. Use " +
          "more rows or a smaller evalBatchSize for separate validation and test batches.",
      );
    }
    if (batches - this.reportFrom < 2 && kEval < JACKKNIFE_MIN_ROWS) {
      this.warnings.push(
        `the estimate rests on one held-out batch of ${kEval} rows: too few for a standard error or interval. ` +
          "Use more rows.",
      );
    }

    const critic = createCritic(
      {
        critic: settings.critic,
        dimX: x.cols,
        dimY: y.cols,
        hidden: settings.hidden,
        embed: settings.embed,
        activation: settings.activation,
        similarity: settings.similarity,
        ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
        ...(settings.learnTemperature !== undefined ? { learnTemperature: settings.learnTemperature } : {}),
      },
      createRng(settings.seed, 2),
      kernel,
    );
    this.opt = new CriticOptimizer(
      critic,
      { bound: settings.bound, param: boundParam(settings), mineMomentum: settings.mineMomentum },
      { lr: settings.lr, weightDecay: settings.weightDecay },
      kernel,
    );
    this.xb = new Float32Array(k * x.cols);
    this.yb = new Float32Array(k * y.cols);
    this.order = Int32Array.from({ length: nTrain }, (_, i) => i);
    this.batchRng = createRng(settings.seed, 3);
    this.epochPos = nTrain; // forces a shuffle before the first batch
    this.bestParameters = critic.parameters.values.slice();
  }

  /** Prepares data and critic for `sample`; options as the estimators take them (bound by name). */
  static create(sample: PairedSample, options: { readonly bound: BoundName } & Record<string, unknown>): NeuralTrainer {
    return new NeuralTrainer(sample, neuralSettings(options.bound, options), getKernel());
  }

  /** Training steps taken so far. */
  get steps(): number {
    return this.stepCount;
  }

  /** True once `patience` consecutive evaluations have not beaten the best held-out mean by more than minDelta. */
  get plateaued(): boolean {
    return this.settings.patience > 0 && this.sinceBest >= this.settings.patience;
  }

  /** The critic being trained (e.g. to read its temperature). */
  get critic() {
    return this.opt.critic;
  }

  /** Takes n training steps; returns the bound's value on the last training batch. */
  step(n = 1): number {
    let value = Number.NaN;
    const k = this.k;
    for (let s = 0; s < n; s++) {
      if (this.epochPos + k > this.nTrain) {
        this.batchRng.shuffleInPlace(this.order);
        this.epochPos = 0;
      }
      gatherRows(this.trainX, this.dimX, this.order, this.epochPos, k, this.xb);
      gatherRows(this.trainY, this.dimY, this.order, this.epochPos, k, this.yb);
      this.epochPos += k;
      value = this.opt.trainStep(this.xb, this.yb, k);
      if (this.stepCount >= this.trainCurve.length) {
        const grown = new Float64Array(this.trainCurve.length * 2);
        grown.set(this.trainCurve);
        this.trainCurve = grown;
      }
      this.trainCurve[this.stepCount++] = value;
    }
    return value;
  }

  /** The bound on the held-out test batches with the current critic (no training): what the estimate reports. */
  evaluate(): HeldOutEvaluation {
    return this.evaluateBatches(this.reportFrom, this.testXBatches.length, true);
  }

  private evaluateBatches(from: number, to: number, withUncertainty: boolean): HeldOutEvaluation {
    const b = to - from;
    const k = this.kEval;
    const values = this.evalValues.subarray(0, b);
    const isNce = this.settings.bound === "infonce";
    let jackknifeVariance = 0;
    let rise = 0;
    for (let i = 0; i < b; i++) {
      const j = from + i;
      const { value, scores } = this.opt.evaluateScores(
        this.testXBatches[j] as Float32Array,
        this.testYBatches[j] as Float32Array,
        k,
      );
      values[i] = value;
      if (withUncertainty) {
        jackknifeVariance += jackknifeBoundVariance(
          this.kernel,
          this.opt.evaluatedBound,
          scores,
          k,
          boundParam(this.settings),
        );
        if (isNce) rise += infonceRisePerDoubling(this.kernel, scores, k, value);
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
      values: values.slice(),
      risePerDoubling: withUncertainty && isNce ? rise / b : Number.NaN,
    };
  }

  /**
   * Evaluates on the validation batches, records the point on the held-out curve, updates the plateau counter and
   * keeps a copy of the parameters when this is the best evaluation so far.
   */
  evaluateAndRecord(): HeldOutEvaluation {
    const ev = this.evaluateBatches(0, this.validationBatches, false);
    this.evalSteps.push(this.stepCount);
    this.evalMeans.push(ev.mean);
    if (ev.mean > this.best) {
      if (ev.mean > this.best + this.settings.minDelta) this.sinceBest = 0;
      else this.sinceBest++;
      this.best = ev.mean;
      this.bestStep = this.stepCount;
      this.bestParameters.set(this.opt.critic.parameters.values);
    } else {
      this.sinceBest++;
    }
    return ev;
  }

  /** The optimizer's current learning rate (settings.lr until a plateau decays it). */
  get learningRate(): number {
    return this.opt.optimizer.lr;
  }

  /** Learning-rate decays taken so far (at most settings.lrDecays). */
  get lrDecaysTaken(): number {
    return this.decaysTaken;
  }

  /**
   * On a plateau: if decays remain, puts back the best checkpoint, multiplies the learning rate by lrDecay, resets
   * the plateau counter and returns true (train on); else returns false (stop).
   */
  decayOnPlateau(): boolean {
    if (this.decaysTaken >= this.settings.lrDecays) return false;
    this.decaysTaken++;
    this.restoreBest();
    this.opt.optimizer.scaleLearningRate(this.settings.lrDecay);
    this.sinceBest = 0;
    return true;
  }

  /** Puts back the parameters of the best validation evaluation (no-op before any evaluation). */
  restoreBest(): void {
    if (this.bestStep > 0) this.opt.critic.parameters.values.set(this.bestParameters);
  }

  /** The step whose parameters restoreBest() puts back (0 before any evaluation). */
  get checkpointStep(): number {
    return this.bestStep;
  }

  /** The train curve (every step) with the held-out value at evaluated steps. */
  curve(): CurvePoint[] {
    const points: CurvePoint[] = [];
    let e = 0;
    for (let s = 0; s < this.stepCount; s++) {
      const step = s + 1;
      const train = this.trainCurve[s] as number;
      if (this.evalSteps[e] === step) points.push({ step, train, test: this.evalMeans[e++] as number });
      else points.push({ step, train });
    }
    return points;
  }

  /** Builds the Estimate from a held-out evaluation of the final critic. */
  result(ev: HeldOutEvaluation, run: { seconds: number; stopReason: StopReason; estimator?: string }): Estimate {
    const s = this.settings;
    const warnings = [...this.warnings];
    const isNce = s.bound === "infonce";
    const logK = Math.log(ev.k);
    const nearCeiling = isNce && ev.mean >= 0.95 * logK;
    const rising = isNce && ev.risePerDoubling >= SATURATION_RISE;
    const saturated = nearCeiling || rising;
    if (saturated) {
      const why = nearCeiling
        ? `it is within 5% of its ceiling log K = ${logK.toFixed(3)} nats (K = ${ev.k} held-out pairs per batch)`
        : `it is still climbing with K: on the held-out pairs it rises by ${(ev.risePerDoubling * Math.LN2).toFixed(3)} ` +
          `nats when the candidates double from ${Math.floor(ev.k / 2)} to ${ev.k} (a converged bound rises by ≈ 0, ` +
          `a saturated one by log 2 = 0.693)`;
      warnings.push(
        `The InfoNCE estimate ${ev.mean.toFixed(3)} nats is limited by the batch, not by the data: ${why}. The true ` +
          `MI is probably well above it. InfoNCE can never exceed log K = ${logK.toFixed(3)}; use more rows ` +
          "(K ≳ e^I), or a bound without this ceiling (smile, nwj), and compare.",
      );
    }
    if (run.stopReason === "stopped")
      warnings.push(`stopped after ${this.stepCount} steps: this is the estimate so far`);
    if (!Number.isFinite(ev.mean)) warnings.push(`the held-out estimate is ${ev.mean}; the critic's scores overflowed`);
    return {
      estimator: run.estimator ?? s.bound,
      estimate: ev.mean,
      estimateBits: ev.mean / Math.LN2,
      stderr: ev.stderr,
      ci95: ev.ci95,
      n: this.nTrain + this.nTest,
      logK: isNce ? logK : null,
      saturated,
      warnings,
      seconds: run.seconds,
      settings: {
        ...s,
        hidden: [...s.hidden],
        batchSizeUsed: this.k,
        evalBatchSizeUsed: ev.k,
        risePerDoubling: ev.risePerDoubling,
        nTrain: this.nTrain,
        nTest: this.nTest,
        heldOutBatches: ev.batches,
        validationBatches: this.validationBatches,
        separateValidation: this.reportFrom > 0,
        checkpointStep: this.bestStep,
        lrDecaysTaken: this.decaysTaken,
        steps: this.stepCount,
        stopReason: run.stopReason,
        engine: this.kernel.engine,
        critic: this.opt.critic.describe(),
      },
      ...(run.stopReason === "stopped" ? { partial: true } : {}),
      curve: this.curve(),
    };
  }
}

function checkSample(sample: PairedSample): PairedSample {
  const { x, y } = sample;
  if (x.rows !== y.rows) {
    throw new InfonceError("E_SHAPE", `x has ${x.rows} rows but y has ${y.rows}; rows must pair up`);
  }
  for (const [name, m] of [
    ["x", x],
    ["y", y],
  ] as const) {
    if (!(m.cols >= 1) || m.data.length !== m.rows * m.cols) {
      throw new InfonceError("E_SHAPE", `${name} is ${m.rows}×${m.cols} but holds ${m.data.length} numbers`);
    }
    for (let p = 0; p < m.data.length; p++) {
      const v = m.data[p] as number;
      if (!Number.isFinite(v)) {
        const r = Math.floor(p / m.cols);
        throw new InfonceError("E_VALUE", `${name}[${r}, ${p - r * m.cols}] is ${v}; every value must be finite`);
      }
    }
  }
  return sample;
}

/** Per-column mean and population sd over the training rows perm[0..nTrain) (identity when not standardising). */
function columnStats(
  data: Float64Array,
  cols: number,
  perm: Int32Array,
  nTrain: number,
  standardize: boolean,
  name: string,
): [Float64Array, Float64Array] {
  const mean = new Float64Array(cols);
  const sd = new Float64Array(cols).fill(1);
  if (!standardize) return [mean, sd];
  for (let r = 0; r < nTrain; r++) {
    const o = (perm[r] as number) * cols;
    for (let c = 0; c < cols; c++) mean[c] = (mean[c] as number) + (data[o + c] as number);
  }
  for (let c = 0; c < cols; c++) mean[c] = (mean[c] as number) / nTrain;
  const ss = new Float64Array(cols);
  for (let r = 0; r < nTrain; r++) {
    const o = (perm[r] as number) * cols;
    for (let c = 0; c < cols; c++) ss[c] = (ss[c] as number) + ((data[o + c] as number) - (mean[c] as number)) ** 2;
  }
  for (let c = 0; c < cols; c++) {
    const v = Math.sqrt((ss[c] as number) / nTrain);
    if (!(v > 1e-12 * Math.max(1, Math.abs(mean[c] as number)))) {
      throw new InfonceError(
        "E_DATA",
        `column ${c} of ${name} is constant on the training split (value ${mean[c]}); it carries no information — drop it`,
      );
    }
    sd[c] = v;
  }
  return [mean, sd];
}

function gatherStandardized(
  data: Float64Array,
  cols: number,
  perm: Int32Array,
  from: number,
  to: number,
  mean: Float64Array,
  sd: Float64Array,
): Float32Array {
  const out = new Float32Array((to - from) * cols);
  for (let r = from; r < to; r++) {
    const o = (perm[r] as number) * cols;
    const w = (r - from) * cols;
    for (let c = 0; c < cols; c++) out[w + c] = ((data[o + c] as number) - (mean[c] as number)) / (sd[c] as number);
  }
  return out;
}

function gatherRows(
  src: Float32Array,
  cols: number,
  order: Int32Array,
  from: number,
  k: number,
  out: Float32Array,
): void {
  for (let r = 0; r < k; r++) {
    const o = (order[from + r] as number) * cols;
    const w = r * cols;
    for (let c = 0; c < cols; c++) out[w + c] = src[o + c] as number;
  }
}

/**
 * K_eval: the explicit evalBatchSize (at most the held-out split), or automatically — for the separable critic, whose
 * scores on K_eval² pairs cost one GEMM — the held-out split cut into as few equal batches as MAX_AUTO_EVAL_BATCH
 * allows, two at least, each at least the training K; for the concat critic, whose K_eval² pairs each run the MLP,
 * the training K.
 */
function evaluationBatchSize(settings: NeuralSettings, k: number, nTest: number, warnings: string[]): number {
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
