import { describe, expect, it } from "vitest";
import { createRng } from "../math/rng.js";
import { classifierEstimator } from "./classifier.js";
import { discreteEstimator, discreteTerms } from "./discrete.js";

/** Second implementation: the shrunk table written out cell by cell over the dense K × L array. */
function denseShrinkageMI(cx: Int32Array, cy: Int32Array, k: number, l: number): number {
  const n = cx.length;
  const p = Array.from({ length: k }, () => new Array<number>(l).fill(0));
  cx.forEach((a, i) => {
    const row = p[a] as number[];
    row[cy[i] as number] = (row[cy[i] as number] as number) + 1 / n;
  });
  const px = p.map((row) => row.reduce((s, v) => s + v, 0));
  const py = Array.from({ length: l }, (_, b) => p.reduce((s, row) => s + (row[b] as number), 0));
  let num = 1;
  let den = 0;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < l; b++) {
      const v = (p[a] as number[])[b] as number;
      num -= v * v;
      den += ((px[a] as number) * (py[b] as number) - v) ** 2;
    }
  }
  const lambda = Math.min(1, Math.max(0, num / ((n - 1) * den)));
  let mi = 0;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < l; b++) {
      const t = (px[a] as number) * (py[b] as number);
      const q = lambda * t + (1 - lambda) * ((p[a] as number[])[b] as number);
      if (q > 0) mi += q * Math.log(q / t);
    }
  }
  return mi;
}

/** n rows of K categories, Y a copy of X with probability `copy`, else uniform: MI in closed form. */
function copyChannel(n: number, k: number, copy: number, seed: number) {
  const rng = createRng(seed);
  const cx = new Int32Array(n);
  const cy = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    cx[i] = Math.floor(rng.uniform() * k);
    cy[i] = rng.uniform() < copy ? (cx[i] as number) : Math.floor(rng.uniform() * k);
  }
  const p = copy + (1 - copy) / k;
  const q = (1 - copy) / k;
  const truth = copy === 0 ? 0 : Math.log(k) + p * Math.log(p) + (k - 1) * q * Math.log(q);
  const column = (c: Int32Array) => ({ rows: n, cols: 1, data: Float64Array.from(c) });
  return { cx, cy, truth, sample: { x: column(cx), y: column(cy) } };
}

describe("shrinkage of a contingency table toward independence", () => {
  it("equals the cell-by-cell computation over the dense table, empty cells included (1e-12)", () => {
    for (const [n, k, copy, seed] of [
      [60, 4, 0.5, 1],
      [500, 20, 0.5, 2],
      [200, 7, 0, 3],
    ] as const) {
      const { cx, cy } = copyChannel(n, k, copy, seed);
      const shrunk = discreteTerms(cx, cy, k, k).shrinkage;
      expect(Math.abs(shrunk - denseShrinkageMI(cx, cy, k, k))).toBeLessThan(1e-12);
    }
  });

  it("sparse tables: independent data read ≈ 0 with 0 inside the interval, where Miller–Madow reads > 0.1", async () => {
    for (const seed of [1, 2, 3]) {
      const { sample } = copyChannel(500, 20, 0, seed);
      const e = await discreteEstimator.estimate(sample, { seed });
      expect(e.settings.correction).toBe("shrinkage");
      expect(Math.abs(e.estimate)).toBeLessThan(0.02);
      expect(e.ci95[0]).toBeLessThanOrEqual(0);
      const mm = await discreteEstimator.estimate(sample, { correction: "miller-madow", replicates: 0 });
      expect(mm.estimate).toBeGreaterThan(0.1);
      expect(e.warnings.join()).toMatch(/sparse table: .*shrunk toward independence/);
    }
  });

  it("a sparse dependent table (20 levels, 500 rows, MI 0.905) within 10%, where Miller–Madow reads > 15% high", async () => {
    let shrunk = 0;
    let mm = 0;
    const seeds = [1, 2, 3, 4];
    let truth = 0;
    for (const seed of seeds) {
      const c = copyChannel(500, 20, 0.5, seed);
      truth = c.truth;
      shrunk += (await discreteEstimator.estimate(c.sample, { replicates: 0 })).estimate / seeds.length;
      mm += (await discreteEstimator.estimate(c.sample, { replicates: 0, correction: "miller-madow" })).estimate / 4;
    }
    expect(Math.abs(shrunk - truth) / truth).toBeLessThan(0.1);
    expect(mm / truth).toBeGreaterThan(1.15);
  });

  it("dense tables keep Miller–Madow", async () => {
    const { sample } = copyChannel(1000, 3, 0.3, 5);
    const e = await discreteEstimator.estimate(sample, { replicates: 0 });
    expect(e.settings.correction).toBe("miller-madow");
    expect(e.warnings.join()).not.toMatch(/sparse/);
  });
});

describe("the classifier's categorical features", () => {
  it("enter as indicators: 20 unordered levels predicting 20 classes (MI 0.905) give most of the MI", async () => {
    const { sample, truth } = copyChannel(500, 20, 0.5, 7);
    const e = await classifierEstimator.estimate(sample, { labels: "y", discrete: { x: true } });
    // As a slope on the codes 0…19 the bound read 0.09.
    expect(e.settings.indicatorColumns).toBe(19);
    expect(e.estimate).toBeGreaterThan(0.7 * truth);
    expect(e.estimate).toBeLessThan(truth + 0.05);
  });
});
