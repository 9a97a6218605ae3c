import { randomUUID } from "node:crypto";
import { Job, Queue, QueueEvents } from "bullmq";
import { InfonceError } from "../../errors.js";
import { completeResults, type ManyJob, pairCount, tileCount } from "../../many/many-job.js";
import { decodePairs, type StoredPair } from "../../many/many-part.js";
import type { ColumnTable, PairResult } from "../../many/many-types.js";
import type { ProgressFn, StopSignal } from "../../types.js";
import { connectRedis, parseQueueUrl } from "./queue-connection.js";
import { dropRun, storeRun } from "./queue-run-data.js";

/** The data of one tile job on the queue. */
export interface TileJobData {
  readonly runId: string;
  readonly tile: number;
}

/** How often the submitter also polls for finished tiles (events can be missed across reconnects). */
const SWEEP_MS = 2000;

/**
 * Runs a job on a BullMQ queue: stores the run's data beside the queue, enqueues one job per tile, and collects
 * the tiles' results as workers (`infonce worker --queue URL`, on any machine) finish them, reporting progress.
 * A worker that dies mid-tile loses its lock; BullMQ's stalled-job check hands the tile to another worker, which
 * computes the same doubles (a pair's result depends only on its columns and the seed). Cleans up its jobs and
 * data at the end, whatever happens.
 */
export async function submitToQueue(
  url: string,
  table: ColumnTable,
  job: ManyJob,
  options: { readonly onProgress?: ProgressFn; readonly stop?: StopSignal } = {},
): Promise<PairResult[]> {
  const target = parseQueueUrl(url);
  const redis = await connectRedis(target);
  const runId = `${job.fingerprint}-${randomUUID().slice(0, 8)}`;
  const tiles = tileCount(job);
  const total = pairCount(job);
  const ids = Array.from({ length: tiles }, (_, t) => `${runId}.${t}`);
  const queue = new Queue<TileJobData>(target.name, { connection: target.connection });
  const events = new QueueEvents(target.name, { connection: target.connection });
  queue.on("error", () => {});
  events.on("error", () => {});
  const results = new Map<number, PairResult[]>();
  let failure: Error | undefined;
  let pairsDone = 0;
  const accept = (jobId: string, value: unknown): void => {
    if (!jobId.startsWith(`${runId}.`)) return;
    const tile = Number(jobId.slice(runId.length + 1));
    if (results.has(tile)) return;
    const stored = (typeof value === "string" ? JSON.parse(value) : value) as StoredPair[];
    const decoded = decodePairs(stored);
    results.set(tile, decoded);
    pairsDone += decoded.length;
    options.onProgress?.(pairsDone, total, "pairs");
  };
  const reject = (jobId: string, reason: string): void => {
    if (!jobId.startsWith(`${runId}.`) || failure !== undefined) return;
    const m = /^(E_[A-Z]+): (.*)$/s.exec(reason);
    failure = m
      ? new InfonceError(m[1] as InfonceError["code"], `${m[2]} (on a queue worker)`)
      : new InfonceError("E_INTERNAL", `a queue worker failed on tile ${jobId.slice(runId.length + 1)}: ${reason}`);
  };
  events.on("completed", ({ jobId, returnvalue }) => accept(jobId, returnvalue));
  events.on("failed", ({ jobId, failedReason }) => reject(jobId, failedReason));
  try {
    await events.waitUntilReady();
    await storeRun(redis, runId, job, table);
    await queue.addBulk(
      ids.map((jobId, tile) => ({
        name: "tile",
        data: { runId, tile },
        opts: { jobId, attempts: 1, removeOnComplete: false, removeOnFail: false },
      })),
    );
    while (results.size < tiles && failure === undefined && !options.stop?.stopped) {
      await new Promise((r) => setTimeout(r, SWEEP_MS));
      for (let t = 0; t < tiles && failure === undefined; t++) {
        if (results.has(t)) continue;
        const j = await Job.fromId<TileJobData>(queue, ids[t] as string);
        if (j?.finishedOn === undefined) continue;
        if (j.failedReason) reject(j.id as string, j.failedReason);
        else accept(j.id as string, j.returnvalue);
      }
    }
    if (failure !== undefined) throw failure;
    if (options.stop?.stopped && results.size < tiles) {
      throw new InfonceError("E_DATA", `stopped: ${results.size} of ${tiles} tiles were done; nothing was written`);
    }
    return completeResults(job, [...results.values()].flat());
  } finally {
    await Promise.allSettled(ids.map((id) => queue.remove(id)));
    await dropRun(redis, runId).catch(() => {});
    redis.disconnect();
    await Promise.allSettled([events.close(), queue.close()]);
  }
}
