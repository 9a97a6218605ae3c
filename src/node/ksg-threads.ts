import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type ErrorCode, InfonceError } from "../errors.js";
import type { KsgJob, KsgJobResult, KsgPool } from "../estimators/ksg-jobs.js";

/** A pool of worker threads for KSG's jobs; `close` ends the workers. */
export interface KsgThreads extends KsgPool {
  close(): Promise<void>;
}

/** What a worker posts back for a job: the result, or the error it threw (code and message). */
export type KsgWorkerReply =
  | { readonly id: number; readonly result: KsgJobResult }
  | { readonly id: number; readonly error: { readonly code: ErrorCode | null; readonly message: string } };

interface Pending {
  readonly id: number;
  readonly job: KsgJob;
  readonly resolve: (r: KsgJobResult) => void;
  readonly reject: (e: unknown) => void;
}

/**
 * KSG's jobs (`KsgJob`: a share of the counts, or one resampling replicate) on `threads` worker threads, default one
 * per core. Workers start on the first job (a pool that is never used costs nothing) and each runs one job at a
 * time, first come first served. An idle worker does not keep the process alive (it is unref'd until its next job),
 * so a command may exit without closing the pool.
 *
 * @param options.workerUrl the worker script (default: ksg-worker.js beside this file; tests pass the built one)
 */
export function createKsgThreads(options: { threads?: number; workerUrl?: URL } = {}): KsgThreads {
  const threads = options.threads ?? availableParallelism();
  if (!(Number.isInteger(threads) && threads >= 1)) {
    throw new InfonceError("E_ARG", `threads must be an integer ≥ 1, got ${threads}`);
  }
  const url = options.workerUrl ?? new URL("./ksg-worker.js", import.meta.url);
  const workers: Worker[] = [];
  const busy = new Map<Worker, Pending>();
  const queue: Pending[] = [];
  let nextId = 0;
  let closed = false;

  const dispatch = (): void => {
    while (queue.length > 0) {
      let w = workers.find((x) => !busy.has(x));
      if (w === undefined && workers.length < threads) w = spawn();
      if (w === undefined) return;
      const p = queue.shift() as Pending;
      busy.set(w, p);
      w.ref();
      w.postMessage({ id: p.id, job: p.job });
    }
  };

  const spawn = (): Worker => {
    const w = new Worker(url);
    workers.push(w);
    w.on("message", (reply: KsgWorkerReply) => {
      const p = busy.get(w);
      busy.delete(w);
      w.unref();
      if (p !== undefined && p.id === reply.id) {
        if ("result" in reply) p.resolve(reply.result);
        else p.reject(new InfonceError(reply.error.code ?? "E_INTERNAL", reply.error.message));
      }
      dispatch();
    });
    w.on("error", (e) => {
      const p = busy.get(w);
      busy.delete(w);
      workers.splice(workers.indexOf(w), 1);
      p?.reject(new InfonceError("E_INTERNAL", `a KSG worker thread failed: ${e.message}`));
      dispatch();
    });
    return w;
  };

  return {
    threads,
    run(job: KsgJob): Promise<KsgJobResult> {
      if (closed) return Promise.reject(new InfonceError("E_ARG", "this KSG thread pool is closed"));
      return new Promise((resolve, reject) => {
        queue.push({ id: nextId++, job, resolve, reject });
        dispatch();
      });
    },
    async close(): Promise<void> {
      closed = true;
      for (const p of queue.splice(0)) p.reject(new InfonceError("E_ARG", "this KSG thread pool was closed"));
      await Promise.all(workers.splice(0).map((w) => w.terminate()));
    },
  };
}
