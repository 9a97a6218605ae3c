import { BOUNDS, type BoundParamKey, boundSpec } from "../bounds/registry.js";
import type { Similarity } from "../critics/separable-critic.js";
import type { Activation, BoundName, OptionsOf, SettingSpec, SettingSpecs } from "../types.js";
import { readSetting, readSettings } from "./read-settings.js";

/** Every setting of a neural estimate, defaults included (reported back in Estimate.settings). */
export interface NeuralSettings {
  readonly bound: BoundName;
  /**
   * Every bound's parameter by its key (tau, alpha, mineMomentum…; the registry's keys and defaults), validated
   * whichever bound runs; `boundParam` picks the running bound's.
   */
  readonly boundParams: Readonly<Record<BoundParamKey, number>>;
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
  /** Decorrelate the columns of each side (whitenColumns) after the copula transform, before standardising. */
  readonly whiten: boolean;
  readonly seed: number;
}

const positive = (v: number) => v > 0 && Number.isFinite(v);

/** Every bound's parameter as a setting of every neural estimator (validated whichever bound runs). */
const BOUND_PARAM_SETTINGS = Object.fromEntries(
  BOUNDS.flatMap((b) =>
    b.param
      ? [
          [
            b.param.key,
            {
              type: "number",
              check: b.param.check,
              expected: b.param.expected,
              default: b.param.default,
              doc: `${b.param.doc} (bound ${b.name})`,
            },
          ],
        ]
      : [],
  ),
) as Record<BoundParamKey, Extract<SettingSpec, { readonly type: "number" }>>;

/** The settings every neural estimator takes: its descriptor (types, defaults, docs). */
export const NEURAL_SETTINGS = {
  critic: {
    type: "choice",
    choices: ["separable", "concat"],
    default: "separable",
    doc: "Separable f(x, y) = g(x)·h(y) (one pass scores a whole batch) or concat f([x, y]) (an MLP on the pair)",
  },
  similarity: {
    type: "choice",
    choices: ["dot", "cosine", "bilinear"],
    default: "dot",
    doc: "How the separable critic compares the embeddings g(x) and h(y)",
  },
  hidden: { type: "integer-list", min: 1, default: [256, 256], doc: "Hidden layer widths of each MLP" },
  embed: { type: "integer", min: 1, default: 32, doc: "Embedding width of the separable critic" },
  // Softplus, not ReLU: the pmi of the Gaussian-like laws is smooth (quadratic), and on 2,500 training rows of the
  // 20+20-d law a softplus critic's held-out InfoNCE reached 2.63–2.67 nats against ReLU's 2.24–2.30 (truth 2.88;
  // docs/neural.md, "Defaults").
  activation: {
    type: "choice",
    choices: ["identity", "relu", "elu", "tanh", "softplus"],
    default: "softplus",
    doc: "Activation of the hidden layers",
  },
  temperature: {
    type: "number",
    check: positive,
    expected: "> 0",
    defaultDoc: "the critic's",
    doc: "Fixed temperature of the separable critic, or the initial one when learned",
  },
  learnTemperature: {
    type: "boolean",
    defaultDoc: "the critic's",
    doc: "Learn the temperature with the critic",
  },
  batchSize: { type: "integer", min: 2, default: 256, doc: "Batch size K of a training step" },
  evalBatchSize: {
    type: "number",
    check: (v) => Number.isInteger(v) && (v === 0 || v >= 2),
    expected: "0 (auto) or an integer ≥ 2",
    default: 0,
    doc: "Rows per held-out evaluation batch (its log K caps InfoNCE); 0: automatic (as few equal batches of the held-out split as possible)",
  },
  lr: { type: "number", check: positive, expected: "> 0", default: 5e-4, doc: "Learning rate (Adam)" },
  weightDecay: {
    type: "number",
    check: (v) => v >= 0 && Number.isFinite(v),
    expected: "≥ 0",
    default: 0,
    doc: "Decoupled weight decay (AdamW)",
  },
  maxSteps: { type: "integer", min: 0, default: 3000, doc: "Upper bound on training steps" },
  // Every 20 steps: the held-out value of a critic on a few thousand rows peaks within ~100–300 steps and then falls
  // as the critic memorises its training pairs, so a coarse grid misses the peak (docs/neural.md, "Defaults"). On a
  // large training split (an epoch of many steps) nothing is memorised that soon, and a 20-step grid both stopped
  // training early and spent most of the run evaluating (autoEvalEvery).
  evalEvery: {
    type: "integer",
    min: 0,
    default: 0,
    doc: "Evaluate on the held-out split every this many steps; 0: automatic (every 20 steps, or every half epoch of the training split when that is longer)",
  },
  // 10 evaluations = 200 steps without a gain of minDelta: on 10,000+ training rows the held-out value still
  // creeps up by ~0.01 per 100 steps after 400 steps (20-d ρ 0.5 at n = 20,000: 2.78 stopping after 100 flat steps,
  // 2.81 after 200).
  patience: {
    type: "integer",
    min: 0,
    default: 10,
    doc: "Evaluations without a gain of minDelta that make a plateau (0: never stop early)",
  },
  minDelta: {
    type: "number",
    check: (v) => v >= 0,
    expected: "≥ 0",
    default: 0.01,
    doc: "Smallest held-out gain (nats) that counts as an improvement",
  },
  lrDecay: {
    type: "number",
    check: (v) => v > 0 && v <= 1,
    expected: "in (0, 1]",
    default: 0.3,
    doc: "On a plateau: restore the best checkpoint and multiply the learning rate by this",
  },
  lrDecays: { type: "integer", min: 0, default: 2, doc: "Learning-rate decays before a plateau stops training" },
  trainFraction: {
    type: "number",
    check: (v) => v > 0 && v < 1,
    expected: "in (0, 1)",
    default: 0.5,
    doc: "Fraction of rows used for training; the rest are held out for the estimate",
  },
  standardize: {
    type: "boolean",
    default: true,
    doc: "Standardise every column with the training split's mean and sd",
  },
  copula: {
    type: "boolean",
    default: false,
    doc: "Replace every column by the normal score of its rank first (MI is unchanged; heavy tails stop dominating)",
  },
  whiten: {
    type: "boolean",
    default: false,
    doc: "Decorrelate the columns of each side (up to 64) by the Cholesky factor of its covariance (MI is unchanged; collinear columns stop stalling the critic)",
  },
  ...BOUND_PARAM_SETTINGS,
} as const satisfies SettingSpecs;

/** The options of a neural estimator, typed by NEURAL_SETTINGS. */
export type NeuralOptions = OptionsOf<typeof NEURAL_SETTINGS>;

/** Reads and validates the neural settings from estimator options; an unknown key is an E_ARG error. */
export function neuralSettings(
  bound: BoundName,
  options: Readonly<Record<string, unknown>> = {},
  owner: string = bound,
): NeuralSettings {
  boundSpec(bound); // E_UNKNOWN, naming the known bounds
  // NeuralTrainer.create passes the bound among the options.
  const { bound: _bound, ...rest } = options;
  const s = readSettings(owner, NEURAL_SETTINGS, rest);
  const seed = readSetting(
    "seed",
    { type: "number", check: Number.isFinite, expected: "a finite number", doc: "" },
    rest.seed,
  );
  const boundParams = Object.fromEntries(
    (Object.keys(BOUND_PARAM_SETTINGS) as BoundParamKey[]).map((key) => [key, s[key] as number]),
  ) as Record<BoundParamKey, number>;
  return {
    bound,
    boundParams,
    critic: s.critic,
    similarity: s.similarity,
    hidden: s.hidden,
    embed: s.embed,
    activation: s.activation,
    temperature: s.temperature,
    learnTemperature: s.learnTemperature,
    batchSize: s.batchSize,
    evalBatchSize: s.evalBatchSize,
    lr: s.lr,
    weightDecay: s.weightDecay,
    maxSteps: s.maxSteps,
    evalEvery: s.evalEvery,
    patience: s.patience,
    minDelta: s.minDelta,
    lrDecay: s.lrDecay,
    lrDecays: s.lrDecays,
    trainFraction: s.trainFraction,
    standardize: s.standardize,
    copula: s.copula,
    whiten: s.whiten,
    seed: (seed as number | undefined) ?? 0,
  };
}

/** Every default of the neural settings (reported back in Estimate.settings when not overridden). */
export const NEURAL_DEFAULTS: Omit<NeuralSettings, "bound"> = (({ bound: _bound, ...d }) => d)(
  neuralSettings("infonce"),
);

/** The running bound's parameter as the kernel takes it (0 for a bound without one). */
export function boundParam(s: NeuralSettings): number {
  const spec = boundSpec(s.bound);
  return spec.param === undefined ? 0 : ((s.boundParams as Readonly<Record<string, number>>)[spec.param.key] as number);
}

/** Steps between evaluations at least, and the share of an epoch between them on a large training split. */
const EVAL_EVERY_MIN = 20;
const EVALS_PER_EPOCH = 2;

/**
 * The evaluation interval used: the evalEvery setting, or for 0 (automatic) every 20 steps, or every half epoch when
 * that is longer (nTrain > 40 batches). 200,000 rows of a 5+3 table (100,000 training rows, 390 steps an epoch): a
 * 20-step grid with patience 10 stopped at 680 steps on a creep of < 0.01 per 200 steps and read 1.241 of 1.391
 * nats in 58 s, three quarters of it evaluating. At 50,000 rows a quarter-epoch grid (24 steps) still stopped at
 * 984 steps on 1.231; every 49 steps it trains 3,000 and reads 1.370 (docs/neural.md, "Large tables").
 */
export function autoEvalEvery(evalEvery: number, nTrain: number, batchSize: number): number {
  if (evalEvery > 0) return evalEvery;
  return Math.max(EVAL_EVERY_MIN, Math.round(nTrain / batchSize / EVALS_PER_EPOCH));
}
