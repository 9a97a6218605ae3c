import { boundLabel, boundSpec } from "../bounds/registry.js";
import { createCritic } from "../critics/create-critic.js";
import { InfonceError } from "../errors.js";
import { CriticOptimizer } from "../estimators/neural-step.js";
import { kernelFrom } from "../linalg/engine.js";
import { correlationForMI } from "../math/gaussian-mi.js";
import { createRng } from "../math/rng.js";
import type { BoundName, Kernel, ProgressFn, StopSignal } from "../types.js";
import { yieldToEventLoop } from "../yield-to-event-loop.js";

/** A bound in the staircase, with its parameter (SMILE's τ, the α-bound's α…). */
export interface StaircaseEstimator {
  readonly bound: BoundName;
  /** The bound's parameter; absent: its registry default (τ = 5, α = 0.5, …). Ignored by bounds without one. */
  readonly param?: number;
}

/** Settings of the staircase experiment (Poole et al. 2019, Fig. 2); defaults are theirs. */
export interface StaircaseOptions {
  /** Dimension d of X and of Y (20). */
  readonly dim?: number;
  /** True MI of each stair, nats (2, 4, 6, 8, 10). */
  readonly levels?: readonly number[];
  /** Training steps per stair (4000). */
  readonly stepsPerLevel?: number;
  /** Batch size K (64: log K ≈ 4.16). */
  readonly batchSize?: number;
  readonly critics?: readonly ("separable" | "concat")[];
  readonly estimators?: readonly StaircaseEstimator[];
  /** Hidden widths of every MLP ([256, 256]) and the separable critic's embedding (32). */
  readonly hidden?: readonly number[];
  readonly embed?: number;
  /** Adam learning rate (5e-4). */
  readonly lr?: number;
  readonly seed?: number;
  /** Fraction of each stair, at its end, summarised by mean and variance (0.5: the second half). */
  readonly tailFraction?: number;
  readonly onProgress?: ProgressFn;
  readonly stop?: StopSignal;
  readonly kernel?: Kernel;
}

/** Mean and variance of the per-step estimates over the tail of one stair. */
export interface StairStats {
  readonly trueMI: number;
  readonly mean: number;
  /** Sample variance of the per-batch estimates (n − 1). */
  readonly variance: number;
  readonly n: number;
}

/** One critic trained with one bound through every stair. */
export interface StaircaseRun {
  readonly critic: "separable" | "concat";
  /** Label, e.g. "smile(τ=5)". */
  readonly estimator: string;
  readonly bound: StaircaseEstimator["bound"];
  /** The bound's value on each training batch, one per step. */
  readonly values: readonly number[];
  readonly stairs: readonly StairStats[];
  readonly seconds: number;
}

export interface StaircaseResult {
  readonly settings: Readonly<Record<string, unknown>>;
  readonly logK: number;
  /** True MI at each step (the staircase). */
  readonly trueMI: readonly number[];
  readonly runs: readonly StaircaseRun[];
  /** True when stopped before the end: runs hold what was computed. */
  readonly partial: boolean;
  readonly seconds: number;
}

export const STAIRCASE_ESTIMATORS: readonly StaircaseEstimator[] = [
  { bound: "infonce" },
  { bound: "nwj" },
  { bound: "js" },
  { bound: "dv" },
  { bound: "smile" },
];

/** The parameter a staircase bound runs with: its own, or the registry default. */
function staircaseParam(e: StaircaseEstimator): number {
  return e.param ?? boundSpec(e.bound).param?.default ?? 0;
}

/** "infonce", "smile(τ=5)", "alpha(α=0.5)": the run's label. */
export function estimatorLabel(e: StaircaseEstimator): string {
  return boundLabel(boundSpec(e.bound), staircaseParam(e));
}

const now = (): number => globalThis.performance.now();

/**
 * Poole et al. (2019) Fig. 2: X ~ N(0, I_d), Y = ρX + √(1−ρ²)ε with ρ = √(1 − e^{−2I/d}) so that I(X;Y) steps
 * through `levels`; every step draws a fresh batch of K pairs (as their code does) and takes one Adam step on the
 * bound. Each (critic, bound) run starts from the same initial critic (seeded per critic type) and sees the same
 * batches, so runs differ only by the bound. The per-step batch values are what the figure plots; each stair is
 * summarised by the mean and variance of its last `tailFraction` of steps.
 */
export async function runStaircase(options: StaircaseOptions = {}): Promise<StaircaseResult> {
  const dim = options.dim ?? 20;
  const levels = options.levels ?? [2, 4, 6, 8, 10];
  const steps = options.stepsPerLevel ?? 4000;
  const k = options.batchSize ?? 64;
  const critics = options.critics ?? ["separable", "concat"];
  const estimators = options.estimators ?? STAIRCASE_ESTIMATORS;
  const hidden = options.hidden ?? [256, 256];
  const embed = options.embed ?? 32;
  const lr = options.lr ?? 5e-4;
  const seed = options.seed ?? 0;
  const tail = options.tailFraction ?? 0.5;
  const kernel = kernelFrom(options.kernel);
  if (!(Number.isInteger(steps) && steps >= 2))
    throw new InfonceError("E_ARG", `steps per stair must be an integer ≥ 2, got ${steps}`);
  if (!(Number.isInteger(k) && k >= 2)) throw new InfonceError("E_ARG", `batch size must be an integer ≥ 2, got ${k}`);
  if (!(tail > 0 && tail <= 1)) throw new InfonceError("E_ARG", `tailFraction must be in (0, 1], got ${tail}`);
  const rhos = levels.map((mi) => correlationForMI(mi, dim));
  const trueMI = levels.flatMap((mi) => Array.from({ length: steps }, () => mi));
  const total = critics.length * estimators.length * levels.length * steps;
  const t0 = now();
  let lastYield = now();
  let done = 0;
  let partial = false;
  const runs: StaircaseRun[] = [];
  const x = new Float32Array(k * dim);
  const y = new Float32Array(k * dim);
  outer: for (const [ci, criticKind] of critics.entries()) {
    for (const est of estimators) {
      const r0 = now();
      const critic = createCritic(
        { critic: criticKind, dimX: dim, dimY: dim, hidden, embed, activation: "relu", similarity: "dot" },
        createRng(seed, 10 + ci),
        kernel,
      );
      const opt = new CriticOptimizer(critic, { bound: est.bound, param: staircaseParam(est) }, { lr }, kernel);
      const data = createRng(seed, 20);
      const values: number[] = [];
      for (const rho of rhos) {
        const noise = Math.sqrt(1 - rho * rho);
        for (let s = 0; s < steps; s++) {
          if (options.stop?.stopped) {
            partial = true;
            if (values.length > 0)
              runs.push(finishRun(criticKind, est, values, levels, steps, tail, (now() - r0) / 1000));
            break outer;
          }
          for (let p = 0; p < k * dim; p++) {
            const xv = data.normal();
            x[p] = xv;
            y[p] = rho * xv + noise * data.normal();
          }
          values.push(opt.trainStep(x, y, k));
          options.onProgress?.(++done, total, `${criticKind} ${estimatorLabel(est)}`);
          if (now() - lastYield > 50) {
            await yieldToEventLoop();
            lastYield = now();
          }
        }
      }
      runs.push(finishRun(criticKind, est, values, levels, steps, tail, (now() - r0) / 1000));
    }
  }
  return {
    settings: {
      dim,
      levels: [...levels],
      stepsPerLevel: steps,
      batchSize: k,
      critics: [...critics],
      estimators: estimators.map(estimatorLabel),
      hidden: [...hidden],
      embed,
      lr,
      seed,
      tailFraction: tail,
      engine: kernel.engine,
    },
    logK: Math.log(k),
    trueMI,
    runs,
    partial,
    seconds: (now() - t0) / 1000,
  };
}

function finishRun(
  critic: "separable" | "concat",
  est: StaircaseEstimator,
  values: number[],
  levels: readonly number[],
  steps: number,
  tail: number,
  seconds: number,
): StaircaseRun {
  const stairs: StairStats[] = [];
  for (const [l, mi] of levels.entries()) {
    const end = Math.min(values.length, (l + 1) * steps);
    const start = Math.max(l * steps, (l + 1) * steps - Math.max(2, Math.round(tail * steps)));
    if (end - start < 2) break;
    let mean = 0;
    for (let i = start; i < end; i++) mean += values[i] as number;
    mean /= end - start;
    let ss = 0;
    for (let i = start; i < end; i++) ss += ((values[i] as number) - mean) ** 2;
    stairs.push({ trueMI: mi, mean, variance: ss / (end - start - 1), n: end - start });
  }
  return { critic, estimator: estimatorLabel(est), bound: est.bound, values, stairs, seconds };
}

/** The two facts the figure is about, as numbers: InfoNCE's ceiling and NWJ's variance growth. */
export interface StaircaseFacts {
  /** Per critic: InfoNCE's tail mean on the top stair, and log K. */
  readonly infonceTop: readonly { critic: string; trueMI: number; mean: number; logK: number }[];
  /** Per critic: NWJ's tail variance on each stair. */
  readonly nwjVariance: readonly { critic: string; variances: readonly { trueMI: number; variance: number }[] }[];
}

export function staircaseFacts(result: StaircaseResult): StaircaseFacts {
  const infonceTop = result.runs
    .filter((r) => r.bound === "infonce" && r.stairs.length > 0)
    .map((r) => {
      const top = r.stairs[r.stairs.length - 1] as StairStats;
      return { critic: r.critic, trueMI: top.trueMI, mean: top.mean, logK: result.logK };
    });
  const nwjVariance = result.runs
    .filter((r) => r.bound === "nwj")
    .map((r) => ({ critic: r.critic, variances: r.stairs.map((s) => ({ trueMI: s.trueMI, variance: s.variance })) }));
  return { infonceTop, nwjVariance };
}
