/**
 * Worker-thread entry of estimateInWorkers (estimate-in-workers.ts): loads the engine the parent uses, runs one
 * estimator on the sample it was sent, and posts progress (at most every 100 ms), then the Estimate or the
 * InfonceError. A "stop" message sets the stop signal the estimator polls.
 */
import { parentPort, workerData } from "node:worker_threads";
import { isInfonceError } from "../errors.js";
import { ESTIMATORS_BY_NAME } from "../estimators/index.js";
import type { EngineName } from "../linalg/engine-report.js";
import type { EstimateOptions, PairedSample } from "../types.js";
import { loadEngine } from "./load-engine.js";

/** What the parent sends. */
export interface EstimateJob {
  readonly estimator: string;
  readonly sample: PairedSample;
  readonly options: Readonly<Record<string, unknown>>;
  readonly engine: EngineName;
}

/** What the worker posts back. */
export type EstimateMessage =
  | { readonly type: "progress"; readonly done: number; readonly total: number; readonly label: string | undefined }
  | { readonly type: "result"; readonly estimate: unknown }
  | { readonly type: "error"; readonly code: string; readonly message: string };

async function run(port: NonNullable<typeof parentPort>, job: EstimateJob): Promise<void> {
  const stop = { stopped: false };
  port.on("message", (m: unknown) => {
    if (m === "stop") stop.stopped = true;
  });
  await loadEngine({ engine: job.engine, report: null });
  const estimator = ESTIMATORS_BY_NAME[job.estimator];
  if (estimator === undefined) throw new Error(`no estimator named ${job.estimator} in the worker`);
  let last = 0;
  const options: EstimateOptions = {
    ...job.options,
    stop,
    onProgress: (done, total, label) => {
      const t = Date.now();
      if (t - last < 100 && done < total) return;
      last = t;
      port.postMessage({ type: "progress", done, total, label } satisfies EstimateMessage);
    },
  };
  try {
    const estimate = await estimator.estimate(job.sample, options);
    port.postMessage({ type: "result", estimate } satisfies EstimateMessage);
  } catch (e) {
    if (!isInfonceError(e)) throw e;
    port.postMessage({ type: "error", code: e.code, message: e.message } satisfies EstimateMessage);
  } finally {
    port.close();
  }
}

if (parentPort !== null) await run(parentPort, workerData as EstimateJob);
