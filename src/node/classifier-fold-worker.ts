// A worker thread of createFoldThreads (classifier-fold-threads.ts): scores each classifier fold it receives, on the
// engine the fold names (loaded once).

import type { FoldScores } from "../estimators/classifier-fold.js";
import { type FoldJob, runFoldJob } from "../estimators/classifier-fold-jobs.js";
import type { Kernel } from "../types.js";
import { serveJobs } from "./job-worker.js";
import { loadEngine } from "./load-engine.js";

const kernels = new Map<Kernel["engine"], Promise<Kernel>>();

serveJobs<FoldJob, FoldScores | null>(async (job, progress) => {
  const engine = job.setup.engine;
  let kernel = kernels.get(engine);
  if (kernel === undefined) {
    kernel = loadEngine({ engine, report: null }).then((l) => l.kernel);
    kernels.set(engine, kernel);
  }
  const result = runFoldJob(job, await kernel, (step) => progress(step, 0));
  const transfer =
    result === null ? [] : [result.logLik.buffer, result.logMarginal.buffer, result.logLikRunnerUp.buffer];
  // logLikRunnerUp may be logMarginal itself, and logMarginal logLik: each buffer goes once.
  return { result, transfer: [...new Set(transfer)] as ArrayBuffer[] };
});
