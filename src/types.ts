/**
 * The shared vocabulary of infonce. This module imports nothing: every other module may depend on it,
 * and it depends on no one (the habit of bmi's interfaces module).
 *
 * Conventions used everywhere:
 * - Matrices are row-major and contiguous: element (i, j) of an r×c matrix is `data[i * c + j]`.
 * - Values of MI are in nats unless a field says bits (bits = nats / ln 2).
 * - Seeds are explicit; the same seed gives the same numbers on every platform.
 */

/** A real typed array: float64 for exact work (bounds, classical estimators), float32 for neural training. */
export type RealArray = Float64Array | Float32Array;

/** A dense row-major matrix. `data.length === rows * cols`. */
export interface Matrix<T extends RealArray = RealArray> {
  readonly rows: number;
  readonly cols: number;
  readonly data: T;
}

/**
 * A score matrix S of a batch: S[i*cols + j] = f(x_i, y_j).
 * Square (K×K): the diagonal holds the positive pairs, the rest are negatives from p(x)p(y).
 * Rectangular (K×M, M ≥ K): column i is the positive of row i; columns K..M−1 are extra negatives.
 */
export type ScoreMatrix = Matrix<RealArray>;

/** A bound evaluated on a score matrix: its value and the exact gradient to ascend, with respect to S. */
export interface BoundValue {
  /** The bound's value (the MI lower-bound estimate of this batch), in nats. */
  readonly value: number;
  /**
   * The gradient to ascend, same shape and layout as S (float64). For most bounds this is ∂value/∂S.
   * JS and SMILE train a different objective than the one they report (Poole et al. 2019; Song & Ermon 2020):
   * for them grad = ∂objective/∂S, where `objective` is the Jensen–Shannon surrogate; MINE's gradient uses a
   * moving-average denominator.
   */
  readonly grad: Float64Array;
  /** The value of the objective whose gradient `grad` is, when it differs from `value` (JS, SMILE, MINE). */
  readonly objective?: number;
}

/**
 * The name of a variational MI bound in the bound registry (BOUND_NAMES: infonce, nwj, dv, mine, js, smile, alpha;
 * Poole et al. 2019; Song & Ermon 2020; Belghazi et al. 2018). A plain string so that adding a bound is one file:
 * every function taking one checks it against the registry (E_UNKNOWN).
 */
export type BoundName = string;

/** A paired sample: row i of x goes with row i of y. */
export interface PairedSample {
  readonly x: Matrix<Float64Array>;
  readonly y: Matrix<Float64Array>;
  /**
   * Labels of the non-numeric (categorical) columns, by side and column: `categories.x[c]` lists the labels whose
   * codes 0…m−1 column c of x holds, in code order; undefined for a numeric column. Readers set it for string and
   * boolean columns; estimators treat such a column as categorical whatever its codes look like.
   */
  readonly categories?: ColumnCategories;
}

/** Per side, per column: the category labels of a categorical column, or undefined for a numeric one. */
export interface ColumnCategories {
  readonly x: readonly (readonly string[] | undefined)[];
  readonly y: readonly (readonly string[] | undefined)[];
}

/** A ground-truth task: a seeded sampler that knows its exact MI. Estimators never see `trueMI`. */
export interface Task {
  readonly name: string;
  readonly description: string;
  readonly dimX: number;
  readonly dimY: number;
  /** Exact I(X;Y) in nats (for a real table, the middle of truthRange). */
  readonly trueMI: number;
  /**
   * For a real table, whose MI is known only between bounds: [a proven lower bound, an upper bound] in nats.
   * The benchmark counts an estimate inside it as error 0.
   */
  readonly truthRange?: readonly [number, number];
  /** Which columns are categorical (for discrete and mixed tasks); absent means all continuous. */
  readonly discrete?: { readonly x: boolean; readonly y: boolean };
  /** Draw n i.i.d. pairs; the same (n, seed) gives the same numbers. */
  sample(n: number, seed: number): PairedSample;
}

/** A point on a training curve. */
export interface CurvePoint {
  readonly step: number;
  /** Training-batch estimate of the bound (nats). */
  readonly train: number;
  /** Held-out estimate, where evaluated (nats). */
  readonly test?: number;
}

/** The result every estimator returns, neural or classical: the same shape for the CLI, the bench and the web. */
export interface Estimate<S extends Readonly<Record<string, unknown>> = Readonly<Record<string, unknown>>> {
  /** Estimator name, e.g. "infonce", "ksg", "gaussian". */
  readonly estimator: string;
  /** Point estimate in nats. */
  readonly estimate: number;
  /** Same in bits. */
  readonly estimateBits: number;
  /** Standard error of the estimate, in nats (NaN when it cannot be computed, with a warning). */
  readonly stderr: number;
  /** 95% confidence interval in nats. */
  readonly ci95: readonly [number, number];
  /** Number of samples used. */
  readonly n: number;
  /** log K of the evaluation batch for batch bounds (InfoNCE-type), else null. */
  readonly logK: number | null;
  /**
   * True when an InfoNCE-type estimate is limited by its batch rather than the data: within 5% of log K, or (for
   * the neural estimator) still rising by ≥ ½ log 2 when the candidates double (docs/neural.md, "Saturation"); for
   * KSG, within 10% of the most it can return on n rows, ψ(n) − ψ(k); for the Gaussian-copula estimate, still rising
   * from half the rows to all (docs/estimators.md, KSG and Gaussian).
   */
  readonly saturated: boolean;
  /** Plain-language warnings. */
  readonly warnings: readonly string[];
  /** Wall time in seconds. */
  readonly seconds: number;
  /**
   * Every setting used, defaults included: an estimator's own settings typed by its descriptor (`estimator.settings`),
   * plus what it reports about the run (steps, engine, columns kept…).
   */
  readonly settings: S;
  /** True when the run was stopped early (e.g. Ctrl-C) and this is the estimate so far. */
  readonly partial?: boolean;
  /** Training curve for trained estimators. */
  readonly curve?: readonly CurvePoint[];
}

/** Progress callback for long work: `done` of `total` units, with an optional label. */
export type ProgressFn = (done: number, total: number, label?: string) => void;

/** Lets a caller stop long work cleanly (Ctrl-C): checked between steps. */
export interface StopSignal {
  readonly stopped: boolean;
}

/** Options every estimator accepts besides its own settings: how to run, not what to compute. */
// A type, not an interface: typed options (OptionsOf) must stay assignable to a plain record of settings.
export type CommonEstimateOptions = {
  /** Seed for every random choice (splits, initialisation, batches, bootstrap). Default 0. */
  readonly seed?: number;
  /** Called as work proceeds (training steps, bootstrap replicates). */
  readonly onProgress?: ProgressFn;
  /** Checked between steps; when set, the estimator returns the estimate so far with `partial: true`. */
  readonly stop?: StopSignal;
  /**
   * The numeric kernel for neural estimators (an engine: TypeScript, WebAssembly, native); default: the process-wide
   * one (getKernel / setKernel), so a test or a page can run its own engine without touching the global.
   */
  readonly kernel?: Kernel;
  /**
   * Where KSG-type estimators run their neighbour counts and replicates (the node entry's createKsgThreads());
   * default: the calling thread. Ignored by the others.
   */
  readonly ksgPool?: unknown;
  /** Where the classifier scores its folds (the node entry's createFoldThreads()); default: the calling thread. */
  readonly foldPool?: unknown;
};

/**
 * Options of an estimator called by name (the CLI, the benchmark): the common ones and any setting, checked at run
 * time against the estimator's descriptor (`estimator.settings`): an unknown key or a value of the wrong type is an
 * E_ARG error naming the key and the closest valid one. ESTIMATORS' entries take typed options instead.
 */
export interface EstimateOptions extends CommonEstimateOptions {
  readonly [setting: string]: unknown;
}

/**
 * One setting of an estimator, as its descriptor declares it: the type of its value, its default and one line of
 * documentation. The options type, the run-time check and the docs' tables all derive from these.
 */
export type SettingSpec =
  | {
      readonly type: "integer";
      readonly min: number;
      readonly max?: number;
      readonly default?: number;
      /** The default when it is not a constant (e.g. "n/500 in [2, 10]"). */
      readonly defaultDoc?: string;
      readonly doc: string;
    }
  | {
      readonly type: "number";
      /** True for an accepted value; `expected` says which values those are, for error messages. */
      readonly check: (value: number) => boolean;
      readonly expected: string;
      readonly default?: number;
      readonly defaultDoc?: string;
      readonly doc: string;
    }
  | { readonly type: "boolean"; readonly default?: boolean; readonly defaultDoc?: string; readonly doc: string }
  | {
      readonly type: "choice";
      readonly choices: readonly string[];
      readonly default?: string;
      readonly defaultDoc?: string;
      readonly doc: string;
    }
  | {
      readonly type: "integer-list";
      readonly min: number;
      readonly default?: readonly number[];
      readonly defaultDoc?: string;
      readonly doc: string;
    }
  | { readonly type: "sides"; readonly defaultDoc?: string; readonly doc: string };

/** An estimator's settings by key. */
export type SettingSpecs = Readonly<Record<string, SettingSpec>>;

/** The value type a setting takes. */
export type SettingValue<T extends SettingSpec> = T extends { readonly type: "integer" | "number" }
  ? number
  : T extends { readonly type: "boolean" }
    ? boolean
    : T extends { readonly type: "choice"; readonly choices: readonly (infer C)[] }
      ? C
      : T extends { readonly type: "integer-list" }
        ? readonly number[]
        : T extends { readonly type: "sides" }
          ? { readonly x?: boolean; readonly y?: boolean }
          : never;

/** The options an estimator with these settings takes: the common ones and each setting, optional. */
export type OptionsOf<D extends SettingSpecs> = CommonEstimateOptions & {
  readonly [K in keyof D]?: SettingValue<D[K]>;
};

/**
 * The options of a caller that passes them on to one of several estimators (auto): every key of any of the
 * descriptors `D` (a union), its value of any of the types those give it.
 */
export type OptionsOfAny<D extends SettingSpecs> = CommonEstimateOptions & {
  readonly [K in D extends unknown ? keyof D : never]?: SettingValue<
    D extends unknown ? (K extends keyof D ? D[K] : never) : never
  >;
};

/** The settings as resolved: every key present, its default filled in (undefined when it has none). */
export type ResolvedSettings<D extends SettingSpecs> = {
  readonly [K in keyof D]: D[K] extends { readonly default: unknown }
    ? SettingValue<D[K]>
    : SettingValue<D[K]> | undefined;
};

/** `Estimate.settings` of an estimator with these settings: each typed, plus what the run reports. */
export type ReportedSettings<D extends SettingSpecs> = ResolvedSettings<D> & Readonly<Record<string, unknown>>;

/**
 * An MI estimator: knows nothing of the truth, only the paired sample. `O` is the options it takes, `S` the
 * settings it reports; both default to the untyped forms of an estimator looked up by name.
 */
export interface Estimator<
  O extends CommonEstimateOptions = EstimateOptions,
  S extends Readonly<Record<string, unknown>> = Readonly<Record<string, unknown>>,
> {
  readonly name: string;
  readonly kind: "neural" | "classical";
  /** One line for `--help` and docs. */
  readonly description: string;
  /**
   * Every setting it accepts (its descriptor). Registered estimators all have one; a caller-made estimator
   * without it checks its own options.
   */
  readonly settings?: SettingSpecs;
  estimate(sample: PairedSample, options?: O): Promise<Estimate<S>>;
}

/** Activation functions of the MLPs. */
export type Activation = "identity" | "relu" | "elu" | "tanh" | "softplus";

/**
 * The coarse numeric kernel: all per-step arithmetic of neural training sits behind it, so that an engine
 * (pure TypeScript, WebAssembly SIMD, N-API) can replace it whole without touching callers.
 * All buffers are float32, row-major, caller-owned; kernels never allocate per call and write only `out`-named
 * (or explicitly documented in-place) arguments. This is the one declaration of the engine contract: the C
 * kernels' flat surface (linalg/raw-kernel.ts) is derived from it, and linalg/checked-kernel.ts checks the
 * arguments of every engine's calls.
 */
export interface Kernel {
  readonly engine: "ts" | "wasm" | "native";
  /**
   * C = alpha · op(A) · op(B) + beta · C, op(A) m×k, op(B) k×n, C m×n.
   * transA: A is stored k×m; transB: B is stored n×k. (NN, NT and TN are the cases training needs.)
   */
  gemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: Float32Array,
    b: Float32Array,
    beta: number,
    c: Float32Array,
  ): void;
  /** In place on z (rows×cols): z[i,j] += bias[j]; then out = act(z) (out may alias z only for identity). */
  biasActivation(
    z: Float32Array,
    bias: Float32Array,
    rows: number,
    cols: number,
    act: Activation,
    out: Float32Array,
  ): void;
  /**
   * Backward through act: gradZ = gradOut ⊙ act'(z), given the pre-activation z and post-activation a.
   * gradZ may alias gradOut.
   */
  activationBackward(
    z: Float32Array,
    a: Float32Array,
    gradOut: Float32Array,
    rows: number,
    cols: number,
    act: Activation,
    gradZ: Float32Array,
  ): void;
  /** out[j] = Σ_i m[i,j] (overwrites out). */
  columnSums(m: Float32Array, rows: number, cols: number, out: Float32Array): void;
  /**
   * A bound's value and gradient on a K×M float32 score matrix (the mean over the batch, as in bounds/):
   * writes gradOut (the gradient to ascend) and returns the value, ±∞ when it is beyond float64. `param` is the
   * bound's parameter (τ for SMILE, α for the α-bound, MINE's momentum; unused by the others). MINE is stateless
   * here (each call is a first batch); training keeps its moving average in TypeScript.
   */
  bound(name: BoundName, s: Float32Array, rows: number, cols: number, param: number, gradOut: Float32Array): number;
  /**
   * Adam (Kingma & Ba 2015) with decoupled weight decay (AdamW, Loshchilov & Hutter 2019) when decay > 0,
   * in place on param, m, v; t is the 1-based step count.
   */
  adam(
    param: Float32Array,
    grad: Float32Array,
    m: Float32Array,
    v: Float32Array,
    lr: number,
    beta1: number,
    beta2: number,
    eps: number,
    weightDecay: number,
    t: number,
  ): void;
  /** Row-wise L2 normalisation: out[i,:] = x[i,:] / max(‖x[i,:]‖, eps); norms[i] = ‖x[i,:]‖. */
  normalizeRows(x: Float32Array, rows: number, cols: number, eps: number, out: Float32Array, norms: Float32Array): void;
  /** Backward of normalizeRows: gradX given gradOut, the normalised rows and the norms. */
  normalizeRowsBackward(
    gradOut: Float32Array,
    normalized: Float32Array,
    norms: Float32Array,
    rows: number,
    cols: number,
    eps: number,
    gradX: Float32Array,
  ): void;
}
