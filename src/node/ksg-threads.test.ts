import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { ksgValue, ksgValueOn, runKsgJob } from "../estimators/ksg-jobs.js";
import { createRng } from "../math/rng.js";
import { createKsgThreads } from "./ksg-threads.js";

// The built worker (npm test builds before vitest runs): worker threads run JavaScript, not the TypeScript sources.
const workerUrl = pathToFileURL(join(import.meta.dirname, "../../dist/src/node/ksg-worker.js"));

describe("KSG on worker threads", () => {
  const n = 1500;
  const rng = createRng(8);
  const x = { rows: n, cols: 3, data: rng.fillNormal(new Float64Array(n * 3)) };
  const y = { rows: n, cols: 2, data: new Float64Array(n * 2) };
  for (let i = 0; i < n; i++) {
    y.data[i * 2] = (x.data[i * 3] as number) + 0.5 * rng.normal();
    y.data[i * 2 + 1] = rng.normal();
  }
  const pool = createKsgThreads({ threads: 2, workerUrl });
  afterAll(() => pool.close());

  it("gives the calling thread's value bit for bit (both estimators, split counts and whole replicates)", async () => {
    for (const variant of [1, 2] as const) {
      const here = ksgValue(x, y, 3, variant, "standardize");
      expect(await ksgValueOn(pool, x, y, 3, variant, "standardize")).toBe(here);
      const r = await pool.run({ kind: "value", x, y, k: 3, variant, preprocessing: "standardize" });
      expect(r).toEqual({ kind: "value", value: here });
      const job = { kind: "counts", x, y, k: 4, variant, part: 1, parts: 3 } as const;
      expect(await pool.run(job)).toEqual(runKsgJob(job));
    }
  });

  it("passes a worker's InfonceError back with its code, and refuses jobs once closed", async () => {
    const tiny = { rows: 2, cols: 1, data: new Float64Array([1, 2]) };
    await expect(
      pool.run({ kind: "value", x: tiny, y: tiny, k: 3, variant: 1, preprocessing: "none" }),
    ).rejects.toMatchObject({ code: "E_DATA", message: expect.stringMatching(/at least k \+ 1 = 4 rows/) });
    const other = createKsgThreads({ threads: 1, workerUrl });
    await other.close();
    await expect(other.run({ kind: "value", x, y, k: 3, variant: 1, preprocessing: "none" })).rejects.toThrow(/closed/);
    expect(() => createKsgThreads({ threads: 0 })).toThrow(/threads must be an integer ≥ 1, got 0/);
  });
});
