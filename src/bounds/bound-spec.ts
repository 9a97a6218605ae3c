import type { BoundValue, RealArray, ScoreMatrix } from "../types.js";

/** A bound's one scalar parameter (SMILE's τ, I_α's α, MINE's momentum): its option key, default and range. */
export interface BoundParam<K extends string = string> {
  /** The option and setting key (`tau`): `bound(name, S, { tau })`, `--set tau=1`, NeuralSettings.boundParams. */
  readonly key: K;
  /** The symbol in labels, e.g. "τ" gives "smile(τ=5)". */
  readonly symbol: string;
  readonly default: number;
  /** True for an accepted value; `expected` says which values those are, for error messages. */
  readonly check: (value: number) => boolean;
  readonly expected: string;
  /** One line for docs and `--help`. */
  readonly doc: string;
}

/** The options of a bound that takes none (through `bound()`): any key is a type error. */
export type NoOptions = Readonly<Record<string, never>>;

/**
 * A stateful training gradient (MINE's moving average): writes the gradient to ascend for this batch into `grad`
 * (K×M row-major) and advances its own state. One instance per training run.
 */
export type TrainingGradient = (s: ArrayLike<number>, rows: number, cols: number, grad: RealArray) => void;

/**
 * Everything about one variational bound, in the file that implements it. Settings parsing, the kernels, the
 * estimator registry, the staircase and the web page read these descriptors (src/bounds/registry.ts lists them);
 * docs/bounds.md, "Adding a bound", walks through writing one.
 */
export interface BoundSpec<
  N extends string = string,
  K extends string = string,
  O extends object = Readonly<Record<string, unknown>>,
  R extends BoundValue = BoundValue,
> {
  /** The name users type (`--estimators smile`) and the key in ESTIMATORS. */
  readonly name: N;
  /** Display name, e.g. "SMILE". */
  readonly label: string;
  /** One line for `--help`, the estimator registry and the web page. */
  readonly description: string;
  /** The bound's parameter, if it has one. */
  readonly param?: BoundParam<K>;
  /** True when the value can never exceed log K of the batch (InfoNCE): the estimate is then capped by the batch. */
  readonly cappedByLogK: boolean;
  /** Off-diagonal entries (negatives) the bound needs: 0 for InfoNCE, 1 for bounds that average over negatives. */
  readonly minNegatives: number;
  /** The bound's code in the C kernels (native/ik.h IK_INFONCE…); undefined: the compiled engines call TypeScript. */
  readonly kernelCode?: number;
  /**
   * The value on the K×M score matrix s (row-major, column i = row i's positive) and the gradient to ascend, written
   * into grad[0, K·M) (float64); s must already be validated (checkScoreMatrix) and the parameter checked. Allocates
   * nothing the caller could reuse: this is what the TypeScript kernel calls on every training step. A value beyond
   * float64 comes back as ±∞ (the kernels' contract); the public functions raise an error instead.
   */
  readonly valueAndGradient: (
    s: ArrayLike<number>,
    rows: number,
    cols: number,
    param: number,
    grad: Float64Array,
  ) => number;
  /**
   * The public form behind `bound(name, S, options)`: validates S and returns value, a fresh gradient and, where the
   * trained objective differs from the value, `objective` (and MINE's `state`). `options` holds the bound's
   * `extraOptions`. `O` types those options and `R` the result, so that `bound(name, …)` is typed by name.
   */
  evaluate(S: ScoreMatrix, param: number, options: O): R;
  /** Options of `bound()` besides the parameter that this bound owns (infonce: `symmetric`; mine: `state`). */
  readonly extraOptions?: readonly string[];
  /**
   * For a bound whose training gradient depends on earlier batches (MINE): the bound whose kernel computes the
   * reported value (so the compiled engines still do that work), and a factory of the stateful gradient.
   */
  readonly stateful?: {
    readonly valueFrom: string;
    readonly createGradient: (param: number) => TrainingGradient;
  };
}
