import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { type ErrorCode, InfonceError, isInfonceError } from "../errors.js";
import { checkSettingKeys, mergeSettings, optionsFor } from "../estimators/read-settings.js";
import type { EngineName } from "../linalg/engine-report.js";
import type { Estimate, Estimator, PairedSample, StopSignal } from "../types.js";
import type { EstimateJob, EstimateMessage } from "./estimate-worker.js";

/** One estimator's outcome: its Estimate, or the InfonceError that stopped it (a failed run is a result). */
export type EstimatorOutcome =
  | { readonly estimator: string; readonly estimate: Estimate }
  | { readonly estimator: string; readonly error: InfonceError };

export interface EstimateInWorkersOptions {
  /**
   * Settings and seed handed to the estimators (no functions: they cross a thread boundary), each getting those it
   * has (`--steps` is the neural estimators'); a key none of them has is an E_ARG error.
   */
  readonly settings: Readonly<Record<string, unknown>>;
  /** The engine the workers load (the parent's, so that every estimator runs on the same one). */
  readonly engine: EngineName;
  /** Estimators running at once; default: the machine's cores. */
  readonly concurrency?: number;
  /** Progress of estimator `index`, as its onProgress would report it. */
  readonly onProgress?: (index: number, done: number, total: number, label: string | undefined) => void;
  /** Called as each estimator finishes (in finishing order). */
  readonly onDone?: (index: number, outcome: EstimatorOutcome) => void;
  readonly stop?: StopSignal;
  /** The compiled worker script; default: estimate-worker.js beside this file. */
  readonly workerScript?: string;
}

/**
 * Runs several estimators on one sample at once, each in its own worker thread (at most `concurrency` together,
 * neural ones started first), and returns their outcomes in the order given. The estimators are independent and each
 * is single-threaded for most of its work, so a 2-core machine runs two of them in the time of one.
 * When the compiled worker script is absent (running from TypeScript sources, as the tests do) they run one after
 * the other in this thread instead, with the same results.
 */
export async function estimateInWorkers(
  sample: PairedSample,
  estimators: readonly Estimator[],
  options: EstimateInWorkersOptions,
): Promise<EstimatorOutcome[]> {
  const described = estimators.flatMap((e) => (e.settings === undefined ? [] : [e.settings]));
  if (described.length === estimators.length) {
    checkSettingKeys("the estimators run", mergeSettings(described), options.settings);
  }
  const script = options.workerScript ?? fileURLToPath(new URL("./estimate-worker.js", import.meta.url));
  const outcomes: (EstimatorOutcome | undefined)[] = new Array(estimators.length);
  if (!existsSync(script)) {
    for (const [i, est] of estimators.entries()) {
      if (options.stop?.stopped) break;
      outcomes[i] = await inThread(sample, est, options, i);
      options.onDone?.(i, outcomes[i] as EstimatorOutcome);
    }
    return outcomes.filter((o): o is EstimatorOutcome => o !== undefined);
  }
  const concurrency = Math.max(1, Math.min(options.concurrency ?? availableParallelism(), estimators.length));
  // Longest first (neural estimators train for thousands of steps), so that no lane is left with a long job at the
  // end while the other idles; otherwise in the order given.
  const start = [...estimators.keys()].sort(
    (a, b) => Number(estimators[a]?.kind !== "neural") - Number(estimators[b]?.kind !== "neural"),
  );
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < start.length && !options.stop?.stopped) {
      const i = start[next++] as number;
      outcomes[i] = await inWorker(script, sample, estimators[i] as Estimator, options, i);
      options.onDone?.(i, outcomes[i] as EstimatorOutcome);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return outcomes.filter((o): o is EstimatorOutcome => o !== undefined);
}

async function inThread(
  sample: PairedSample,
  est: Estimator,
  options: EstimateInWorkersOptions,
  index: number,
): Promise<EstimatorOutcome> {
  try {
    const estimate = await est.estimate(sample, {
      ...optionsFor(est.settings, options.settings),
      ...(options.stop ? { stop: options.stop } : {}),
      onProgress: (done, total, label) => options.onProgress?.(index, done, total, label),
    });
    return { estimator: est.name, estimate };
  } catch (e) {
    if (isInfonceError(e)) return { estimator: est.name, error: e };
    throw e;
  }
}

function inWorker(
  script: string,
  sample: PairedSample,
  est: Estimator,
  options: EstimateInWorkersOptions,
  index: number,
): Promise<EstimatorOutcome> {
  const job: EstimateJob = {
    estimator: est.name,
    sample,
    options: optionsFor(est.settings, options.settings),
    engine: options.engine,
  };
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: job });
    let settled = false;
    // The stop signal is polled, not an event: forward it to the worker when it turns on.
    const poll = setInterval(() => {
      if (options.stop?.stopped) worker.postMessage("stop");
    }, 100);
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      f();
    };
    worker.on("message", (m: EstimateMessage) => {
      if (m.type === "progress") options.onProgress?.(index, m.done, m.total, m.label);
      else if (m.type === "result") settle(() => resolve({ estimator: est.name, estimate: m.estimate as Estimate }));
      else settle(() => resolve({ estimator: est.name, error: new InfonceError(m.code as ErrorCode, m.message) }));
    });
    worker.on("error", (e) => settle(() => reject(e)));
    worker.on("exit", (code) =>
      settle(() => reject(new Error(`the worker running ${est.name} exited with code ${code} before its result`))),
    );
  });
}
