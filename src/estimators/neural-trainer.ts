import { createCritic } from "../critics/create-critic.js";
import { kernelFrom } from "../linalg/engine.js";
import { createRng, type Rng } from "../math/rng.js";
import type { BoundName, CurvePoint, Estimate, Kernel, PairedSample } from "../types.js";
import { ceilingFreeReadout } from "./ceiling-free-readout.js";
import { EarlyStopping } from "./early-stopping.js";
import { evaluateHeldOut, type HeldOutBatches, type HeldOutEvaluation } from "./held-out-evaluation.js";
import { prepareNeuralData } from "./neural-data.js";
import { batchSaturation, type NeuralReportedSettings, neuralResult, type StopReason } from "./neural-result.js";
import { autoEvalEvery, boundParam, type NeuralSettings, neuralSettings } from "./neural-settings.js";
import { CriticOptimizer } from "./neural-step.js";

/**
 * Trains a critic on the training split with one bound and estimates MI on the held-out split.
 * The lower-level API (create → step(n) → evaluate()) lets the web playground animate training; the
 * estimator functions in neural.ts drive it with early stopping, progress and a stop signal.
 *
 * Protocol (docs/neural.md): rows are shuffled with the seed and split (trainFraction, default ½); every column is
 * standardised with the training split's mean and (population) sd (neural-data.ts, neural-split.ts); training
 * batches are K rows drawn without replacement, epoch by epoch; the held-out split is cut once, in its shuffled
 * order, into B = ⌊n_test/K_eval⌋ disjoint evaluation batches (the leftover rows are unused), the first ⌊B/2⌋
 * validating (early stopping, the checkpoint: early-stopping.ts) and the rest reporting the estimate
 * (held-out-evaluation.ts). K_eval defaults to half the held-out split for the separable critic: the critic does
 * not depend on K, and a bigger evaluation batch gives a tighter InfoNCE bound (its bias shrinks as K grows) and a
 * higher ceiling log K_eval, as bmi's evaluation on the whole test set does. The estimate is the mean over the test
 * batches, its standard error a jackknife (see HeldOutEvaluation). The interval describes held-out sampling for
 * this trained critic; it does not include the variation between training runs.
 * Everything random derives from `seed`: same seed and data, same numbers (for a given kernel).
 */
export class NeuralTrainer {
  readonly settings: NeuralSettings;
  readonly warnings: string[];
  /** Batch size actually used (the requested one, shrunk to the split sizes if needed). */
  readonly k: number;
  /** Rows per held-out evaluation batch (K_eval). */
  readonly kEval: number;
  /** Steps between held-out evaluations (the evalEvery setting, resolved by autoEvalEvery). */
  readonly evalEvery: number;
  readonly nTrain: number;
  readonly nTest: number;
  readonly kernel: Kernel;
  private readonly opt: CriticOptimizer;
  private readonly trainX: Float32Array;
  private readonly trainY: Float32Array;
  private readonly heldOut: HeldOutBatches;
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
  private readonly stopping: EarlyStopping;
  /** The critic's parameters at the best validation evaluation (early stopping restores them). */
  private readonly bestParameters: Float32Array;

  private constructor(sample: PairedSample, settings: NeuralSettings, kernel: Kernel) {
    this.settings = settings;
    this.kernel = kernel;
    const data = prepareNeuralData(sample, settings);
    const { split, k, heldOut } = data;
    this.warnings = data.warnings;
    this.k = k;
    this.nTrain = split.nTrain;
    this.nTest = split.nTest;
    this.dimX = split.x.cols;
    this.dimY = split.y.cols;
    this.trainX = split.x.train;
    this.trainY = split.y.train;
    this.heldOut = heldOut;
    this.kEval = heldOut.k;
    this.evalEvery = autoEvalEvery(settings.evalEvery, split.nTrain, k);
    this.stopping = new EarlyStopping(settings);

    const critic = createCritic(
      {
        critic: settings.critic,
        dimX: this.dimX,
        dimY: this.dimY,
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
      { bound: settings.bound, param: boundParam(settings) },
      { lr: settings.lr, weightDecay: settings.weightDecay },
      kernel,
    );
    this.xb = new Float32Array(k * this.dimX);
    this.yb = new Float32Array(k * this.dimY);
    this.order = Int32Array.from({ length: this.nTrain }, (_, i) => i);
    this.batchRng = createRng(settings.seed, 3);
    this.epochPos = this.nTrain; // forces a shuffle before the first batch
    this.bestParameters = critic.parameters.values.slice();
  }

  /** Prepares data and critic for `sample`; options as the estimators take them (bound by name). */
  static create(sample: PairedSample, options: { readonly bound: BoundName } & Record<string, unknown>): NeuralTrainer {
    return new NeuralTrainer(sample, neuralSettings(options.bound, options), kernelFrom(options.kernel));
  }

  /** Training steps taken so far. */
  get steps(): number {
    return this.stepCount;
  }

  /** True once `patience` consecutive evaluations have not beaten the best held-out mean by more than minDelta. */
  get plateaued(): boolean {
    return this.stopping.plateaued;
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
    return evaluateHeldOut(this.opt, this.heldOut, this.heldOut.reportFrom, this.heldOut.x.length, true, this.kernel);
  }

  /**
   * Evaluates on the validation batches, records the point on the held-out curve, updates the plateau counter and
   * keeps a copy of the parameters when this is the best evaluation so far.
   */
  evaluateAndRecord(): HeldOutEvaluation {
    const ev = evaluateHeldOut(this.opt, this.heldOut, 0, this.heldOut.validationBatches, false, this.kernel);
    this.evalSteps.push(this.stepCount);
    this.evalMeans.push(ev.mean);
    if (this.stopping.observe(this.stepCount, ev.mean)) this.bestParameters.set(this.opt.critic.parameters.values);
    return ev;
  }

  /** The optimizer's current learning rate (settings.lr until a plateau decays it). */
  get learningRate(): number {
    return this.opt.optimizer.lr;
  }

  /** Learning-rate decays taken so far (at most settings.lrDecays). */
  get lrDecaysTaken(): number {
    return this.stopping.decaysTaken;
  }

  /**
   * On a plateau: if decays remain, puts back the best checkpoint, multiplies the learning rate by lrDecay, resets
   * the plateau counter and returns true (train on); else returns false (stop).
   */
  decayOnPlateau(): boolean {
    if (!this.stopping.decay()) return false;
    this.restoreBest();
    this.opt.optimizer.scaleLearningRate(this.settings.lrDecay);
    return true;
  }

  /** Puts back the parameters of the best validation evaluation (no-op before any evaluation). */
  restoreBest(): void {
    if (this.stopping.bestStep > 0) this.opt.critic.parameters.values.set(this.bestParameters);
  }

  /** The step whose parameters restoreBest() puts back (0 before any evaluation). */
  get checkpointStep(): number {
    return this.stopping.bestStep;
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
  result(
    ev: HeldOutEvaluation,
    run: { seconds: number; stopReason: StopReason; estimator?: string; slowEngine?: boolean },
  ): Estimate<NeuralReportedSettings> {
    const { nearCeiling, rising } = batchSaturation(ev, this.settings.bound);
    // Saturated: the same critic read out by a bound without InfoNCE's ceiling, reported beside the estimate.
    const ceilingFree =
      (nearCeiling || rising) && run.stopReason !== "stopped"
        ? ceilingFreeReadout(this.opt, this.heldOut, this.heldOut.reportFrom, this.heldOut.x.length)
        : undefined;
    return neuralResult(ev, {
      ...(ceilingFree === undefined ? {} : { ceilingFree }),
      settings: this.settings,
      warnings: this.warnings,
      k: this.k,
      evalEvery: this.evalEvery,
      nTrain: this.nTrain,
      nTest: this.nTest,
      validationBatches: this.heldOut.validationBatches,
      separateValidation: this.heldOut.reportFrom > 0,
      checkpointStep: this.stopping.bestStep,
      lrDecaysTaken: this.stopping.decaysTaken,
      steps: this.stepCount,
      engine: this.kernel.engine,
      critic: this.opt.critic.describe(),
      curve: this.curve(),
      seconds: run.seconds,
      stopReason: run.stopReason,
      estimator: run.estimator ?? this.settings.bound,
      slowEngine: run.slowEngine ?? false,
    });
  }
}

/** Copies rows order[from..from+k) of src (rows × cols) into out (k × cols). */
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
