import { BOUNDS, boundSpec } from "../bounds/registry.js";
import type { Similarity } from "../critics/separable-critic.js";
import { InfonceError } from "../errors.js";
import type { Activation, BoundName, EstimateOptions } from "../types.js";

/** Every setting of a neural estimate, defaults included (reported back in Estimate.settings). */
export interface NeuralSettings {
  readonly bound: BoundName;
  /**
   * Every bound's parameter by its key (tau, alpha, mineMomentum…; the registry's keys and defaults), validated
   * whichever bound runs; `boundParam` picks the running bound's.
   */
  readonly boundParams: Readonly<Record<string, number>>;
  readonly critic: "separable" | "concat";
  readonly similarity: Similarity;
  readonly hidden: readonly number[];
  readonly embed: number;
  readonly activation: Activation;
  /** Fixed temperature, or the initial one when learned; undefined: the critic's default. */
  readonly temperature: number | undefined;
  readonly learnTemperature: boolean | undefined;
  /** Batch size K of a training step. */
  readonly batchSize: number;
  /**
   * Rows per held-out evaluation batch (its log K is the InfoNCE ceiling of the estimate); 0: automatic — the
   * held-out split in as few equal batches of at most MAX_AUTO_EVAL_BATCH rows as possible, two at least, for the
   * separable critic; batchSize for the concat critic.
   */
  readonly evalBatchSize: number;
  readonly lr: number;
  readonly weightDecay: number;
  /** Upper bound on training steps. */
  readonly maxSteps: number;
  /** Evaluate on the held-out split every this many steps (the test curve and early stopping). */
  readonly evalEvery: number;
  /**
   * A plateau is this many evaluations without an improvement of more than minDelta nats (0: never stop early); each
   * of the first lrDecays plateaus decays the learning rate, the next one stops training.
   */
  readonly patience: number;
  readonly minDelta: number;
  /**
   * On a validation plateau, before stopping: restore the best checkpoint and multiply the learning rate by lrDecay,
   * at most lrDecays times (ReduceLROnPlateau with a restart from the best parameters); 0 decays: stop at once.
   */
  readonly lrDecay: number;
  readonly lrDecays: number;
  /** Fraction of rows used for training; the rest are held out for the estimate (bmi's default 0.5). */
  readonly trainFraction: number;
  /** Standardise every column to mean 0, sd 1 using the training split's statistics. */
  readonly standardize: boolean;
  /**
   * Replace every column by the normal score of its rank first (copulaTransform): MI is unchanged by increasing maps
   * of single coordinates, and heavy tails or warped marginals stop dominating the critic's inputs.
   */
  readonly copula: boolean;
  readonly seed: number;
}

export const NEURAL_DEFAULTS: Omit<NeuralSettings, "bound"> = {
  boundParams: Object.fromEntries(BOUNDS.flatMap((b) => (b.param ? [[b.param.key, b.param.default]] : []))),
  critic: "separable",
  similarity: "dot",
  hidden: [256, 256],
  embed: 32,
  // Softplus, not ReLU: the pmi of the Gaussian-like laws is smooth (quadratic), and on 2,500 training rows of the
  // 20+20-d law a softplus critic's held-out InfoNCE reached 2.63–2.67 nats against ReLU's 2.24–2.30 (truth 2.88;
  // docs/neural.md, "Defaults").
  activation: "softplus",
  temperature: undefined,
  learnTemperature: undefined,
  batchSize: 256,
  evalBatchSize: 0,
  lr: 5e-4,
  weightDecay: 0,
  maxSteps: 3000,
  // Every 20 steps: the held-out value of a critic on a few thousand rows peaks within ~100–300 steps and then falls
  // as the critic memorises its training pairs, so a coarse grid misses the peak (docs/neural.md, "Defaults").
  evalEvery: 20,
  // 10 evaluations = 200 steps without a gain of minDelta: on 10,000+ training rows the held-out value still
  // creeps up by ~0.01 per 100 steps after 400 steps (20-d ρ 0.5 at n = 20,000: 2.78 stopping after 100 flat steps,
  // 2.81 after 200).
  patience: 10,
  minDelta: 0.01,
  lrDecay: 0.3,
  lrDecays: 2,
  trainFraction: 0.5,
  standardize: true,
  copula: false,
  seed: 0,
};

const ACTIVATIONS: readonly Activation[] = ["identity", "relu", "elu", "tanh", "softplus"];

/** Reads and validates the neural settings from estimator options; unknown keys are ignored by design. */
export function neuralSettings(bound: BoundName, options: EstimateOptions = {}): NeuralSettings {
  boundSpec(bound); // E_UNKNOWN, naming the known bounds
  const o = options as Record<string, unknown>;
  const d = NEURAL_DEFAULTS;
  const num = (key: string, def: number, ok: (v: number) => boolean, what: string): number => {
    const v = o[key];
    if (v === undefined) return def;
    if (typeof v !== "number" || !ok(v)) throw new InfonceError("E_ARG", `${key} must be ${what}, got ${String(v)}`);
    return v;
  };
  const int = (key: string, def: number, min: number) =>
    num(key, def, (v) => Number.isInteger(v) && v >= min, `an integer ≥ ${min}`);
  const oneOf = <T extends string>(key: string, def: T, allowed: readonly T[]): T => {
    const v = o[key];
    if (v === undefined) return def;
    if (typeof v !== "string" || !allowed.includes(v as T)) {
      throw new InfonceError("E_ARG", `${key} must be one of ${allowed.join(", ")}, got ${String(v)}`);
    }
    return v as T;
  };
  const hiddenRaw = o.hidden;
  let hidden = d.hidden;
  if (hiddenRaw !== undefined) {
    if (!Array.isArray(hiddenRaw) || !hiddenRaw.every((h) => Number.isInteger(h) && h >= 1)) {
      throw new InfonceError(
        "E_ARG",
        `hidden must be a list of layer widths ≥ 1 (e.g. [256, 256]), got ${JSON.stringify(hiddenRaw)}`,
      );
    }
    hidden = hiddenRaw as number[];
  }
  const bool = (key: string, def: boolean | undefined): boolean | undefined => {
    const v = o[key];
    if (v === undefined) return def;
    if (typeof v !== "boolean") throw new InfonceError("E_ARG", `${key} must be true or false, got ${String(v)}`);
    return v;
  };
  const temperature =
    o.temperature === undefined ? undefined : num("temperature", 1, (v) => v > 0 && Number.isFinite(v), "> 0");
  return {
    bound,
    boundParams: Object.fromEntries(
      BOUNDS.flatMap((b) =>
        b.param ? [[b.param.key, num(b.param.key, b.param.default, b.param.check, b.param.expected)]] : [],
      ),
    ),
    critic: oneOf("critic", d.critic, ["separable", "concat"] as const),
    similarity: oneOf("similarity", d.similarity, ["dot", "cosine", "bilinear"] as const),
    hidden,
    embed: int("embed", d.embed, 1),
    activation: oneOf("activation", d.activation, ACTIVATIONS),
    temperature,
    learnTemperature: bool("learnTemperature", d.learnTemperature),
    batchSize: int("batchSize", d.batchSize, 2),
    evalBatchSize: num(
      "evalBatchSize",
      d.evalBatchSize,
      (v) => Number.isInteger(v) && (v === 0 || v >= 2),
      "0 (auto) or an integer ≥ 2",
    ),
    lr: num("lr", d.lr, (v) => v > 0 && Number.isFinite(v), "> 0"),
    weightDecay: num("weightDecay", d.weightDecay, (v) => v >= 0 && Number.isFinite(v), "≥ 0"),
    maxSteps: int("maxSteps", d.maxSteps, 0),
    evalEvery: int("evalEvery", d.evalEvery, 1),
    patience: int("patience", d.patience, 0),
    minDelta: num("minDelta", d.minDelta, (v) => v >= 0, "≥ 0"),
    lrDecay: num("lrDecay", d.lrDecay, (v) => v > 0 && v <= 1, "in (0, 1]"),
    lrDecays: int("lrDecays", d.lrDecays, 0),
    trainFraction: num("trainFraction", d.trainFraction, (v) => v > 0 && v < 1, "in (0, 1)"),
    standardize: bool("standardize", d.standardize) ?? true,
    copula: bool("copula", d.copula) ?? false,
    seed: num("seed", d.seed, Number.isFinite, "a finite number"),
  };
}

/** The running bound's parameter as the kernel takes it (0 for a bound without one). */
export function boundParam(s: NeuralSettings): number {
  const spec = boundSpec(s.bound);
  return spec.param === undefined ? 0 : (s.boundParams[spec.param.key] as number);
}
