import type { KsgJob, KsgJobResult, KsgPool } from "../estimators/ksg-jobs.js";
import { createJobThreads } from "./job-threads.js";

/** A pool of worker threads for KSG's jobs; `close` ends the workers. */
export interface KsgThreads extends KsgPool {
  close(): Promise<void>;
}

/**
 * KSG's jobs (`KsgJob`: a share of the counts, or one resampling replicate) on `threads` worker threads, default one
 * per core (job-threads.ts: started on the first job, one job a thread at a time, idle workers unref'd).
 *
 * @param options.workerUrl the worker script (default: ksg-worker.js beside this file; tests pass the built one)
 */
export function createKsgThreads(options: { threads?: number; workerUrl?: URL } = {}): KsgThreads {
  const pool = createJobThreads<KsgJob, KsgJobResult>(
    options.workerUrl ?? new URL("./ksg-worker.js", import.meta.url),
    "KSG",
    options.threads,
  );
  return { threads: pool.threads, run: (job) => pool.run(job), close: () => pool.close() };
}
