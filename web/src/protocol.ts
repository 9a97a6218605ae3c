/**
 * Messages between the page and the training worker. Everything is plain data (structured-clone safe);
 * MI values are always in nats here: the page converts to bits for display only.
 */

/** The ground-truth task the reader picked: the page and the worker build the same task from it. */
export type TaskChoice =
  | { readonly kind: "gaussian"; readonly dim: number; readonly rho: number }
  | { readonly kind: "discrete"; readonly table: string }
  | { readonly kind: "warped"; readonly warp: string; readonly dim: number; readonly rho: number };

export type CriticChoice = "separable" | "concat";

/** One training run: the same config and seed give the same curve. */
export interface RunConfig {
  readonly task: TaskChoice;
  /** Batch size K (candidates per query, the positive included). */
  readonly batchSize: number;
  /** Estimator names, as the trainer knows them (infonce, nwj, js, dv, smile, mine). */
  readonly estimators: readonly string[];
  readonly critic: CriticChoice;
  /** Width of each of the critic's two hidden layers. */
  readonly hidden: number;
  /** Training steps per estimator. */
  readonly steps: number;
  /** Held-out evaluation every this many steps. */
  readonly evalEvery: number;
  readonly learningRate: number;
  readonly seed: number;
  /** Numeric engine: "auto" = WebAssembly SIMD with the TypeScript kernel as fallback; "ts" forces TypeScript. */
  readonly engine: "auto" | "ts";
}

export type ToWorker =
  | { readonly type: "start"; readonly config: RunConfig }
  | { readonly type: "pause" }
  | { readonly type: "resume" }
  | { readonly type: "reset" };

/** A held-out evaluation of one estimator at one step. */
export interface EvalPoint {
  readonly estimator: string;
  readonly step: number;
  /** Held-out estimate, nats. */
  readonly estimate: number;
  /** Training-batch value of the bound at this step, nats. */
  readonly train: number;
}

/**
 * The trained critic of the first estimator on a grid, beside the exact pmi(x, y) and log p(x, y) there (1+1-dim
 * Gaussian only): row i is x_i, column j is y_j, x_i = y_i = −extent + 2·extent·i/(size − 1).
 */
export interface CriticMapMessage {
  readonly type: "critic-map";
  readonly runId: number;
  readonly step: number;
  readonly estimator: string;
  readonly size: number;
  readonly extent: number;
  readonly critic: readonly number[];
  readonly pmi: readonly number[];
  readonly logJoint: readonly number[];
}

export type FromWorker =
  | CriticMapMessage
  | {
      readonly type: "started";
      readonly runId: number;
      readonly engine: string;
      /** Exact MI of the task, nats (from the task registry, never typed in). */
      readonly trueMI: number;
      readonly logK: number;
      readonly config: RunConfig;
    }
  | {
      readonly type: "progress";
      readonly runId: number;
      readonly points: readonly EvalPoint[];
      /** Steps done so far by each estimator (they advance together). */
      readonly step: number;
      /** Training steps per second over the whole run so far, all estimators together. */
      readonly stepsPerSecond: number;
    }
  | { readonly type: "paused"; readonly runId: number; readonly step: number }
  | { readonly type: "done"; readonly runId: number; readonly step: number; readonly stepsPerSecond: number }
  | { readonly type: "reset" }
  | { readonly type: "error"; readonly runId: number; readonly message: string };
