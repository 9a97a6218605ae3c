import { parentPort } from "node:worker_threads";
import { InfonceError } from "../errors.js";
import { type JobReply, LEAVE } from "./job-threads.js";

/** What a job's handler returns: its result, and the buffers to hand back by transfer rather than by copy. */
export interface HandledJob<R> {
  readonly result: R;
  readonly transfer?: readonly ArrayBuffer[];
}

/**
 * The worker side of createJobThreads (job-threads.ts): runs `handle` on each job this thread receives, one at a
 * time, and posts its progress, then its result or the error it threw (an InfonceError's code and message; any
 * other error's message, which the pool reports as E_INTERNAL).
 */
export function serveJobs<J, R>(
  handle: (job: J, progress: (done: number, total: number) => void) => HandledJob<R> | Promise<HandledJob<R>>,
): void {
  const port = parentPort;
  if (port === null) return;
  port.on("message", async (message: { id: number; job: J } | typeof LEAVE) => {
    if (message === LEAVE) {
      port.close(); // nothing else keeps this thread's event loop alive: it ends, and the worker exits
      return;
    }
    const { id, job } = message;
    const progress = (done: number, total: number): void => {
      port.postMessage({ id, progress: { done, total } } satisfies JobReply<R>);
    };
    let reply: JobReply<R>;
    let transfer: readonly ArrayBuffer[] = [];
    try {
      const handled = await handle(job, progress);
      reply = { id, result: handled.result };
      transfer = handled.transfer ?? [];
    } catch (e) {
      reply = {
        id,
        error: { code: e instanceof InfonceError ? e.code : null, message: e instanceof Error ? e.message : String(e) },
      };
    }
    port.postMessage(reply, [...transfer]);
  });
}
