import { type Job, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { isInfonceError } from "../../errors.js";
import { COLUMN_CACHE_BYTES } from "../../many/column-cache.js";
import { type ManyJob, runTiles } from "../../many/many-job.js";
import { encodePairs, type StoredPair } from "../../many/many-part.js";
import type { ColumnTable } from "../../many/many-types.js";
import { createPairEvaluator, type PairEvaluator, preparedColumnCache } from "../../many/pair-evaluator.js";
import type { StopSignal } from "../../types.js";
import { connectRedis, parseQueueUrl } from "./queue-connection.js";
import { loadRun } from "./queue-run-data.js";
import type { TileJobData } from "./queue-submit.js";

/** Runs whose data and evaluator a worker keeps (a worker may serve several submitters in turn). */
const KEPT_RUNS = 4;

export interface WorkerOptions {
  /**
   * How long a tile's lock lasts without renewal (ms). A worker that dies holds its tile this long at most; then
   * another worker's stalled-job check (every `lockMs`) takes it over. Default 30 s (BullMQ's default).
   */
  readonly lockMs?: number;
  /** Called once the worker is connected and waiting for tiles (not when Redis does not answer). */
  readonly onReady?: () => void;
  /** Called when the worker takes a tile (from then until onTile, a kill leaves the tile to another worker). */
  readonly onTileStart?: (runId: string, tile: number) => void;
  /** Called after each tile with its run, tile and pair count. */
  readonly onTile?: (runId: string, tile: number, pairs: number) => void;
  /** The worker stops taking tiles once this is set, finishes its current tile and returns. */
  readonly stop: StopSignal;
}

/**
 * Processes tiles from a BullMQ queue until stopped: fetches each run's data once (the last few runs are kept with
 * their evaluator, so per-column work is shared across that run's tiles here), computes the tile, and returns its
 * pair results as the job's return value. An InfonceError fails the job with "CODE: message", which the submitter
 * reports as that error.
 */
export async function runQueueWorker(url: string, options: WorkerOptions): Promise<void> {
  const target = parseQueueUrl(url);
  const redis = await connectRedis(target);
  const runs = new Map<string, Promise<{ table: ColumnTable; job: ManyJob; evaluate: PairEvaluator }>>();
  const runOf = (runId: string) => {
    let r = runs.get(runId);
    if (r === undefined) {
      if (runs.size >= KEPT_RUNS) runs.delete(runs.keys().next().value as string);
      r = loadRun(redis, runId).then(({ job, table }) => ({
        job,
        table,
        // The kept runs share the process's column budget.
        evaluate: createPairEvaluator(table, job.settings, {
          cache: preparedColumnCache(Math.floor(COLUMN_CACHE_BYTES / KEPT_RUNS)),
        }),
      }));
      r.catch(() => runs.delete(runId));
      runs.set(runId, r);
    }
    return r;
  };
  const lockMs = options.lockMs ?? 30_000;
  const worker = new Worker<TileJobData, StoredPair[]>(
    target.name,
    async (j: Job<TileJobData>) => {
      options.onTileStart?.(j.data.runId, j.data.tile);
      try {
        const { table, job, evaluate } = await runOf(j.data.runId);
        const results = await runTiles(table, job, [j.data.tile], { evaluate, yieldBetweenPairs: true });
        options.onTile?.(j.data.runId, j.data.tile, results.length);
        return encodePairs(results);
      } catch (e) {
        throw new Error(isInfonceError(e) ? `${e.code}: ${e.message}` : (e as Error).message);
      }
    },
    {
      connection: target.connection,
      concurrency: 1,
      lockDuration: lockMs,
      stalledInterval: lockMs,
      // A tile is retried each time its worker dies; only a tile that kills worker after worker fails for good.
      maxStalledCount: 10,
    },
  );
  worker.on("error", () => {});
  try {
    await worker.waitUntilReady();
    options.onReady?.();
    while (!options.stop.stopped) await new Promise((r) => setTimeout(r, 200));
  } finally {
    await worker.close();
    (redis as Redis).disconnect();
  }
}
