import { describe, expect, it } from "vitest";
import { createRng } from "../math/rng.js";
import { ColumnCache } from "./column-cache.js";
import { runTiles, tileCount } from "./many-job.js";
import type { ColumnTable } from "./many-types.js";
import { createPairEvaluator, preparedColumnCache } from "./pair-evaluator.js";
import { planRank } from "./rank-features.js";
import { preparedBytes, preparedColumn } from "./sorted-column.js";

function table(cols: number, n: number): ColumnTable {
  const rng = createRng(5);
  const columns = Array.from({ length: cols }, () => Float64Array.from({ length: n }, () => rng.normal()));
  return { rows: n, names: columns.map((_, c) => `c${c}`), columns };
}

describe("ColumnCache: capped by bytes", () => {
  it("holds as many values as fit the budget, whatever their number; least recently used out first", () => {
    const made: string[] = [];
    const cache = new ColumnCache<Uint8Array>(1000, (v) => v.byteLength);
    const get = (key: string, bytes: number) =>
      cache.get(key, () => {
        made.push(key);
        return new Uint8Array(bytes);
      });
    for (let i = 0; i < 10; i++) get(`small${i}`, 100);
    expect([cache.size, cache.bytes]).toEqual([10, 1000]);
    get("small0", 100); // used again: now the most recent
    get("big", 300); // pushes out the three least recent: small1, small2, small3
    expect([cache.size, cache.bytes]).toEqual([8, 1000]);
    made.length = 0;
    get("small0", 100);
    get("small4", 100);
    get("big", 300);
    expect(made).toEqual([]);
    get("small1", 100);
    expect(made).toEqual(["small1"]);
    expect(cache.bytes).toBeLessThanOrEqual(1000);
    // Larger than the whole budget: returned, not kept, and nothing else pushed out for it.
    const before = cache.size;
    expect(get("huge", 1001).byteLength).toBe(1001);
    expect([cache.size, cache.bytes]).toEqual([before, 1000]);
    get("huge", 1001);
    expect(made.filter((k) => k === "huge").length).toBe(2);
  });

  it("a prepared column counts the arrays it adds to the table's: 20 bytes a row scaled, 12 unscaled", () => {
    const col = table(1, 1000).columns[0] as Float64Array;
    expect(preparedBytes(preparedColumn(col, "standardize"))).toBe(20 * 1000);
    expect(preparedBytes(preparedColumn(col, "copula"))).toBe(20 * 1000);
    expect(preparedBytes(preparedColumn(col, "none"))).toBe(12 * 1000);
  });

  // The same budget keeps every column of a short table and only a few of a tall one: the cap is by bytes.
  it.each([
    [100, 40],
    [20_000, 2],
  ])("a rank over %i rows with a 1 MiB cache keeps at most %i columns, never more than 1 MiB", async (n, most) => {
    const t = table(40, n);
    const job = planRank(t, "c0", { estimator: "ksg", settings: { replicates: 0 } });
    const cache = preparedColumnCache(2 ** 20);
    const evaluate = createPairEvaluator(t, job.settings, { cache });
    let largest = 0;
    let peak = 0;
    const tiles = Array.from({ length: tileCount(job) }, (_, i) => i);
    const results = await runTiles(t, job, tiles, {
      evaluate,
      onProgress: () => {
        largest = Math.max(largest, cache.size);
        peak = Math.max(peak, cache.bytes);
      },
    });
    expect(results.every((r) => r.estimator === "ksg")).toBe(true);
    expect(peak).toBeLessThanOrEqual(2 ** 20);
    expect(largest).toBe(most);
    // What was kept and dropped changes no number: a cache that keeps everything gives the same doubles.
    const keepAll = createPairEvaluator(t, job.settings, { cache: preparedColumnCache(2 ** 40) });
    expect(await runTiles(t, job, tiles, { evaluate: keepAll })).toEqual(results);
  });
});
