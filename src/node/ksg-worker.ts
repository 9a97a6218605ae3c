// A worker thread of createKsgThreads (ksg-threads.ts): runs each KSG job it receives on its own thread.
import { parentPort } from "node:worker_threads";
import { InfonceError } from "../errors.js";
import { type KsgJob, runKsgJob } from "../estimators/ksg-jobs.js";
import type { KsgWorkerReply } from "./ksg-threads.js";

const port = parentPort;
if (port !== null) {
  port.on("message", ({ id, job }: { id: number; job: KsgJob }) => {
    let reply: KsgWorkerReply;
    const transfer: ArrayBuffer[] = [];
    try {
      const result = runKsgJob(job);
      // The counts go back by transfer, not by copy.
      if (result.kind === "counts")
        transfer.push(result.counts.nx.buffer as ArrayBuffer, result.counts.ny.buffer as ArrayBuffer);
      reply = { id, result };
    } catch (e) {
      reply = {
        id,
        error: { code: e instanceof InfonceError ? e.code : null, message: e instanceof Error ? e.message : String(e) },
      };
    }
    port.postMessage(reply, transfer);
  });
}
