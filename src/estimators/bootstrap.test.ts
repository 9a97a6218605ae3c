import { describe, expect, it } from "vitest";
import { createRng } from "../math/rng.js";
import { resampleUncertainty, resampleUncertaintyAsync } from "./bootstrap.js";

// Oracle: for the mean of n iid values the standard error is σ/√n (σ the population sd, here 1).
describe("resampling uncertainty of a sample mean", () => {
  const n = 4000;
  const values = createRng(21).fillNormal(new Float64Array(n));
  const mean = (rows: Int32Array): number => {
    let s = 0;
    for (const r of rows) s += values[r] as number;
    return s / rows.length;
  };
  const full = mean(Int32Array.from({ length: n }, (_, i) => i));
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - full) ** 2, 0) / (n - 1));

  for (const groups of [2, 5, 10]) {
    it(`subsample with ${groups} groups: stderr within 10% of σ/√n (400 replicates)`, () => {
      const u = resampleUncertainty(full, n, mean, { method: "subsample", groups, replicates: 400, seed: 1 });
      expect(u.method).toBe("subsample");
      expect(u.groups).toBe(groups);
      expect(u.replicates).toBe(400);
      expect(Math.abs(u.stderr / (sd / Math.sqrt(n)) - 1)).toBeLessThan(0.1);
      expect(u.ci95[0]).toBeCloseTo(full - 1.965927295920809 * u.stderr, 6); // SciPy t.ppf(0.975, 399)
    });
  }

  it("half-sample is subsample with 2 groups, and the async form gives the same numbers", async () => {
    const h = resampleUncertainty(full, n, mean, { method: "half-sample", replicates: 21, seed: 4 });
    const s = resampleUncertainty(full, n, mean, { method: "subsample", groups: 2, replicates: 21, seed: 4 });
    expect(h.stderr).toBe(s.stderr);
    expect(h.method).toBe("half-sample");
    const late = (rows: Int32Array): Promise<number> =>
      new Promise((resolve) => setTimeout(() => resolve(mean(rows)), (rows[0] as number) % 3));
    for (const groups of [2, 7]) {
      const sync = resampleUncertainty(full, n, mean, { method: "subsample", groups, replicates: 23, seed: 9 });
      const async = await resampleUncertaintyAsync(full, n, late, {
        method: "subsample",
        groups,
        replicates: 23,
        seed: 9,
        concurrency: 3,
      });
      expect(async).toEqual(sync);
    }
  });

  it("bootstrap: stderr within 10% of σ/√n; bad groups and replicates are E_ARG", () => {
    const u = resampleUncertainty(full, n, mean, { method: "bootstrap", replicates: 400, seed: 2 });
    expect(Math.abs(u.stderr / (sd / Math.sqrt(n)) - 1)).toBeLessThan(0.1);
    expect(u.groups).toBeUndefined();
    expect(() =>
      resampleUncertainty(full, n, mean, { method: "subsample", groups: 1, replicates: 4, seed: 0 }),
    ).toThrow(/groups must be an integer ≥ 2, got 1/);
    expect(() => resampleUncertainty(full, n, mean, { method: "subsample", replicates: 1, seed: 0 })).toThrow(
      /replicates must be an integer ≥ 2/,
    );
  });
});
