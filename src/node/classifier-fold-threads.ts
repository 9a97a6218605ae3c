import type { FoldScores } from "../estimators/classifier-fold.js";
import type { FoldJob, FoldPool } from "../estimators/classifier-fold-jobs.js";
import { createJobThreads } from "./job-threads.js";

/** A pool of worker threads for the classifier's folds; `close` ends the workers. */
export interface FoldThreads extends FoldPool {
  close(): Promise<void>;
}

/**
 * The classifier's folds on `threads` worker threads, default one per core (job-threads.ts: started on the first
 * fold, one fold a thread at a time, idle workers unref'd). Each worker loads the engine the fold names once.
 *
 * @param options.workerUrl the worker script (default: classifier-fold-worker.js beside this file; tests pass the
 * built one)
 */
export function createFoldThreads(options: { threads?: number; workerUrl?: URL } = {}): FoldThreads {
  const pool = createJobThreads<FoldJob, FoldScores | null>(
    options.workerUrl ?? new URL("./classifier-fold-worker.js", import.meta.url),
    "classifier fold",
    options.threads,
  );
  return {
    threads: pool.threads,
    run: (job, onStep) => pool.run(job, (done) => onStep(done)),
    close: () => pool.close(),
  };
}
