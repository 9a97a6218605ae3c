// A worker thread of createKsgThreads (ksg-threads.ts): runs each KSG job it receives on its own thread.
import { type KsgJob, type KsgJobResult, runKsgJob } from "../estimators/ksg-jobs.js";
import { serveJobs } from "./job-worker.js";

serveJobs<KsgJob, KsgJobResult>((job) => {
  const result = runKsgJob(job);
  // The counts go back by transfer, not by copy.
  const transfer =
    result.kind === "counts" ? [result.counts.nx.buffer as ArrayBuffer, result.counts.ny.buffer as ArrayBuffer] : [];
  return { result, transfer };
});
