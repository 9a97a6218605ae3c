import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type ErrorCode, InfonceError } from "../errors.js";

/** A pool of worker threads that run jobs of one kind; `close` ends the workers. */
export interface JobThreads<J, R> {
  readonly threads: number;
  /** Runs `job` on the first free thread; `onProgress` receives what the job reports as it goes. */
  run(job: J, onProgress?: (done: number, total: number) => void): Promise<R>;
  close(): Promise<void>;
}

/** What a worker posts for a job (job-worker.ts): progress, then the result or the error it threw. */
export type JobReply<R> =
  | { readonly id: number; readonly progress: { readonly done: number; readonly total: number } }
  | { readonly id: number; readonly result: R }
  | { readonly id: number; readonly error: { readonly code: ErrorCode | null; readonly message: string } };

/** The message that asks an idle worker to close its port and so exit (job-worker.ts). */
export const LEAVE = "leave";

interface Pending<J, R> {
  readonly id: number;
  readonly job: J;
  readonly resolve: (r: R) => void;
  readonly reject: (e: unknown) => void;
  readonly onProgress: ((done: number, total: number) => void) | undefined;
}

/**
 * Jobs on `threads` worker threads running `workerUrl` (default one per core). Workers start on the first job (a
 * pool that is never used costs nothing) and each runs one job at a time, first come first served. An idle worker
 * does not keep the process alive (it is unref'd until its next job), so a command may exit without closing the pool.
 *
 * @param what names the jobs in errors ("a KSG worker thread failed: …")
 */
export function createJobThreads<J, R>(
  workerUrl: URL,
  what: string,
  threads = availableParallelism(),
): JobThreads<J, R> {
  if (!(Number.isInteger(threads) && threads >= 1)) {
    throw new InfonceError("E_ARG", `threads must be an integer ≥ 1, got ${threads}`);
  }
  const workers: Worker[] = [];
  const busy = new Map<Worker, Pending<J, R>>();
  const queue: Pending<J, R>[] = [];
  let nextId = 0;
  let closed = false;

  const dispatch = (): void => {
    while (queue.length > 0) {
      let w = workers.find((x) => !busy.has(x));
      if (w === undefined && workers.length < threads) w = spawn();
      if (w === undefined) return;
      const p = queue.shift() as Pending<J, R>;
      busy.set(w, p);
      w.ref();
      w.postMessage({ id: p.id, job: p.job });
    }
  };

  const spawn = (): Worker => {
    const w = new Worker(workerUrl);
    workers.push(w);
    w.on("message", (reply: JobReply<R>) => {
      const p = busy.get(w);
      if (p === undefined || p.id !== reply.id) return;
      if ("progress" in reply) {
        p.onProgress?.(reply.progress.done, reply.progress.total);
        return;
      }
      busy.delete(w);
      w.unref();
      if ("result" in reply) p.resolve(reply.result);
      else p.reject(new InfonceError(reply.error.code ?? "E_INTERNAL", reply.error.message));
      dispatch();
    });
    w.on("error", (e) => {
      const p = busy.get(w);
      busy.delete(w);
      workers.splice(workers.indexOf(w), 1);
      p?.reject(new InfonceError("E_INTERNAL", `a ${what} worker thread failed: ${e.message}`));
      dispatch();
    });
    return w;
  };

  // An idle worker is asked to leave and exits when its event loop is empty, not terminated: Node 20 aborts the
  // process ("Assertion failed: (data.first) != nullptr" in NodePlatform::ForIsolate) when a worker is torn down
  // while V8 still compiles its hot functions on a background thread, which a terminate() right after a short job
  // hit in 2 of 60 runs of a 41-row classifier estimate. A worker busy with a job (a stopped run) is terminated.
  const leave = (w: Worker): Promise<void> =>
    new Promise((resolve) => {
      w.once("exit", () => resolve());
      w.ref(); // an idle worker is unref'd: without this the process could end before it has left
      w.postMessage(LEAVE);
    });

  return {
    threads,
    run(job: J, onProgress?: (done: number, total: number) => void): Promise<R> {
      if (closed) return Promise.reject(new InfonceError("E_ARG", `this ${what} thread pool is closed`));
      return new Promise((resolve, reject) => {
        queue.push({ id: nextId++, job, resolve, reject, onProgress });
        dispatch();
      });
    },
    async close(): Promise<void> {
      closed = true;
      for (const p of queue.splice(0)) p.reject(new InfonceError("E_ARG", `this ${what} thread pool was closed`));
      await Promise.all(workers.splice(0).map((w) => (busy.has(w) ? w.terminate() : leave(w))));
    },
  };
}
