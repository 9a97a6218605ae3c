// A worker thread of the many-pair pool (thread-pool.ts): computes the tiles it is sent on the shared table.
import { parentPort, workerData } from "node:worker_threads";
import type { EngineName } from "../../linalg/engine-report.js";
import { type ManyJob, runTiles } from "../../many/many-job.js";
import type { ColumnTable } from "../../many/many-types.js";
import { createPairEvaluator, preparedColumnCache } from "../../many/pair-evaluator.js";
import { loadEngine } from "../load-engine.js";
import { errorMessage, type FromWorker, type ToWorker } from "./thread-pool.js";

const port = parentPort;
if (port !== null) {
  const { table, job, engine, cacheBytes } = workerData as {
    table: ColumnTable;
    job: ManyJob;
    engine: EngineName;
    cacheBytes: number;
  };
  const send = (m: FromWorker): void => port.postMessage(m);
  // One evaluator for every tile of this thread, so a column's sort is shared by all its pairs here.
  const evaluate = createPairEvaluator(table, job.settings, { cache: preparedColumnCache(cacheBytes) });
  port.on("message", (m: ToWorker) => {
    if ("done" in m) {
      port.close();
      return;
    }
    runTiles(table, job, [m.tile], { onProgress: () => send({ pairDone: true }), evaluate })
      .then((results) => send({ tile: m.tile, results }))
      .catch((e: unknown) => send(errorMessage(e)));
  });
  loadEngine({ engine, report: null })
    .then(() => send({ ready: true }))
    .catch((e: unknown) => send(errorMessage(e)));
}
