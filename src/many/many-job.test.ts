import { describe, expect, it } from "vitest";
import { createRng } from "../math/rng.js";
import { runTiles, tileCount } from "./many-job.js";
import { decodePairs, encodePairs } from "./many-part.js";
import type { ColumnTable } from "./many-types.js";
import { planMatrix } from "./mi-matrix.js";
import { createPairEvaluator, preparedColumnCache } from "./pair-evaluator.js";
import { planRank } from "./rank-features.js";

/** n rows of `cols` columns: pairs of dependent columns, a heavy-tailed one every 7th. */
function wideTable(cols: number, n: number): ColumnTable {
  const rng = createRng(11);
  const columns = Array.from({ length: cols }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < cols; c++) {
      const prev = c > 0 ? ((columns[c - 1] as Float64Array)[i] as number) : 0;
      let v = c % 2 === 1 ? prev + rng.normal() : rng.normal();
      if (c % 7 === 3) v = v ** 3;
      (columns[c] as Float64Array)[i] = v;
    }
  }
  return { rows: n, names: columns.map((_, c) => `c${c}`), columns };
}

describe("a pair's result depends only on the pair and the seed", () => {
  // Every process of a run (one thread, worker threads, shards, queue workers) sees other tiles in another order,
  // with its column cache in another state: none of that may change a double.
  it("whatever the order of the tiles, the evaluator's cache (past its byte budget) and the trip through a part", async () => {
    const table = wideTable(270, 100);
    const settings = { estimator: "auto", settings: { replicates: 4 }, seed: 3 };
    const job = planRank(table, "c0", settings);
    const tiles = Array.from({ length: tileCount(job) }, (_, t) => t);
    // One evaluator in tile order whose cache of prepared columns (20 bytes a row each) holds 50 of them: it fills
    // and drops columns mid-run.
    const cache = preparedColumnCache(50 * 20 * 100);
    const inOrder = await runTiles(table, job, tiles, {
      evaluate: createPairEvaluator(table, job.settings, { cache }),
    });
    expect(cache.size).toBe(50);
    // A fresh evaluator per tile, last tile first.
    const fresh = [];
    for (const t of [...tiles].reverse()) fresh.push(...(await runTiles(table, job, [t])));
    fresh.sort((p, q) => p.pair - q.pair);
    expect(fresh).toEqual(inOrder);
    // One evaluator shared by interleaved tiles (as a worker thread takes whatever tile is free).
    const shared = createPairEvaluator(table, job.settings);
    const odd = tiles.filter((t) => t % 2 === 1);
    const even = tiles.filter((t) => t % 2 === 0);
    const interleaved = [
      ...(await runTiles(table, job, odd, { evaluate: shared })),
      ...(await runTiles(table, job, even, { evaluate: shared })),
    ].sort((p, q) => p.pair - q.pair);
    expect(interleaved).toEqual(inOrder);
    expect(decodePairs(JSON.parse(JSON.stringify(encodePairs(inOrder))))).toEqual(inOrder);
    // The shared-column KSG route (the one with the cache) is the one these pairs took.
    expect(inOrder.filter((r) => r.estimator === "ksg").length).toBeGreaterThan(250);
  });

  it("a matrix's tiles computed in reverse by fresh evaluators equal one pass", async () => {
    const table = wideTable(24, 150);
    const job = planMatrix(table, { settings: { replicates: 4 }, seed: 1 });
    const tiles = Array.from({ length: tileCount(job) }, (_, t) => t);
    const one = await runTiles(table, job, tiles);
    const back = [];
    for (const t of [...tiles].reverse()) back.push(...(await runTiles(table, job, [t])));
    expect(back.sort((p, q) => p.pair - q.pair)).toEqual(one);
  });
});
