import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { InfonceError, isInfonceError } from "../../errors.js";
import { getKernel } from "../../linalg/engine.js";
import { COLUMN_CACHE_BYTES } from "../../many/column-cache.js";
import { type ManyJob, runTiles, TILE_PAIRS } from "../../many/many-job.js";
import type { ColumnTable, PairResult } from "../../many/many-types.js";
import type { ProgressFn, StopSignal } from "../../types.js";

/** Worker threads to use by default: one per core the process may use. */
export function defaultThreads(): number {
  return availableParallelism();
}

/** Messages of the pool protocol. */
export type ToWorker = { readonly tile: number } | { readonly done: true };
export type FromWorker =
  | { readonly ready: true }
  | { readonly tile: number; readonly results: PairResult[] }
  | { readonly pairDone: true }
  | { readonly error: { readonly code: string; readonly message: string } };

/** The table with every column in a SharedArrayBuffer: the threads read it without a copy each. */
function sharedTable(table: ColumnTable): ColumnTable {
  const columns = table.columns.map((c) => {
    const s = new Float64Array(new SharedArrayBuffer(c.byteLength));
    s.set(c);
    return s;
  });
  return { ...table, columns };
}

/**
 * Runs the tiles of a job on `threads` worker threads, a tile at a time to whichever thread is free, and returns
 * the results in pair order — the same doubles as `runTiles` in one thread (each pair's result depends only on
 * its columns and the seed). When the worker module is not built (the sources run under a TypeScript loader,
 * as in the unit tests), the tiles run in this thread instead. The threads load this thread's numeric engine, so a
 * pair that trains (auto's classifier) gives the same doubles wherever it runs.
 */
export async function runTilesOnThreads(
  table: ColumnTable,
  job: ManyJob,
  tiles: readonly number[],
  threads: number,
  options: { readonly onProgress?: ProgressFn; readonly stop?: StopSignal } = {},
): Promise<PairResult[]> {
  const script = new URL("./thread-worker.js", import.meta.url);
  if (!existsSync(fileURLToPath(script))) return runTiles(table, job, tiles, options);
  const shared = sharedTable(table);
  const total = tiles.reduce((s, t) => s + Math.min(TILE_PAIRS, job.pairs.length / 2 - t * TILE_PAIRS), 0);
  const queue = [...tiles];
  const results: PairResult[] = [];
  let done = 0;
  const workers: Worker[] = [];
  // A worker sent `done` closes its port and exits by itself; terminating it then races that exit, which can abort
  // Node 20 (see job-threads.ts). Only workers not told `done` (an error, a stop) are terminated.
  const leaving = new Map<Worker, Promise<void>>();
  try {
    await new Promise<void>((resolve, reject) => {
      let running = Math.min(threads, tiles.length);
      // The threads share the process's column budget.
      const cacheBytes = Math.floor(COLUMN_CACHE_BYTES / Math.max(1, running));
      const next = (w: Worker): void => {
        const tile = options.stop?.stopped ? undefined : queue.shift();
        if (tile === undefined) {
          leaving.set(w, new Promise((exited) => w.once("exit", () => exited())));
          w.postMessage({ done: true } satisfies ToWorker);
          if (--running === 0) resolve();
          return;
        }
        w.postMessage({ tile } satisfies ToWorker);
      };
      for (let i = 0; i < running; i++) {
        const w = new Worker(script, { workerData: { table: shared, job, engine: getKernel().engine, cacheBytes } });
        workers.push(w);
        w.on("message", (m: FromWorker) => {
          if ("ready" in m) next(w);
          else if ("pairDone" in m) options.onProgress?.(++done, total, "pairs");
          else if ("results" in m) {
            results.push(...m.results);
            next(w);
          } else if ("error" in m) {
            reject(
              m.error.code === "E_INTERNAL" || !m.error.code.startsWith("E_")
                ? new Error(m.error.message)
                : new InfonceError(m.error.code as InfonceError["code"], m.error.message),
            );
          }
        });
        w.on("error", reject);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => leaving.get(w) ?? w.terminate()));
  }
  return results.sort((p, q) => p.pair - q.pair);
}

/** An error as the worker sends it. */
export function errorMessage(e: unknown): FromWorker {
  return {
    error: isInfonceError(e)
      ? { code: e.code, message: e.message }
      : { code: "E_INTERNAL", message: e instanceof Error ? e.message : String(e) },
  };
}
