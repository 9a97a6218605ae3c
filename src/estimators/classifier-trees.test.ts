import { describe, expect, it } from "vitest";
import { tsKernel } from "../linalg/ts-kernel.js";
import { createRng } from "../math/rng.js";
import type { PairedSample } from "../types.js";
import { classifierEstimator } from "./classifier.js";
import { fitTrees, STOP_FRACTION, stoppingSplit, TREES_MAX_WORK, treesWork } from "./classifier-trees.js";

/** H of a Bernoulli(p) in nats. */
const h = (p: number) => -(p * Math.log(p) + (1 - p) * Math.log(1 - p));

/**
 * A checkerboard label: y = [x₁ > 0] XOR [x₂ > 0], flipped with probability 0.1, beside two noise columns (x
 * standard normal in 4 dimensions). No linear function of x predicts it; its exact MI is log 2 − h(0.1) = 0.368 nats.
 */
function checkerboard(n: number, seed: number): PairedSample {
  const rng = createRng(seed, 5);
  const x = Float64Array.from({ length: 4 * n }, () => rng.normal());
  const y = Float64Array.from({ length: n }, (_, i) => {
    const xor = (x[4 * i] as number) > 0 !== (x[4 * i + 1] as number) > 0 ? 1 : 0;
    return rng.uniform() < 0.1 ? 1 - xor : xor;
  });
  return { x: { rows: n, cols: 4, data: x }, y: { rows: n, cols: 1, data: y } };
}
const MI = Math.log(2) - h(0.1);

const chosen = (settings: unknown): readonly string[] => (settings as { chosenCapacity: string[] }).chosenCapacity;

describe("classifier: boosted trees on the ladder", () => {
  it("reads a checkerboard label that logistic regression cannot, near its exact MI (2,000 rows)", async () => {
    const s = checkerboard(2_000, 1);
    const options = { kernel: tsKernel, seed: 0, labels: "y" } as const;
    const logistic = await classifierEstimator.estimate(s, { ...options, capacity: "logistic" });
    expect(logistic.estimate).toBeLessThan(0.03);
    const trees = await classifierEstimator.estimate(s, { ...options, capacity: "trees" });
    expect(chosen(trees.settings).every((c) => c.startsWith("boosted trees"))).toBe(true);
    expect(trees.estimate).toBeGreaterThan(MI - 0.05);
    expect(trees.estimate).toBeLessThan(MI + 0.03);
    expect(trees.ci95[0]).toBeLessThan(MI);
  });

  it("wins the cross-validation against logistic regression on a small table, and stays below the exact MI", async () => {
    const r = await classifierEstimator.estimate(checkerboard(400, 2), { kernel: tsKernel, seed: 0, labels: "y" });
    expect(chosen(r.settings).filter((c) => c.startsWith("boosted trees")).length).toBeGreaterThanOrEqual(4);
    expect(r.estimate).toBeGreaterThan(0.2);
    expect(r.ci95[0]).toBeLessThan(MI);
  });

  it("are tried by capacity auto from 60 rows (a fit step per fold in the progress count), not below", async () => {
    const table = (n: number): PairedSample => {
      const rng = createRng(n, 3);
      const x = Float64Array.from({ length: 2 * n }, () => rng.normal());
      const y = Float64Array.from({ length: n }, (_, i) => ((x[2 * i] as number) + 0.5 * rng.normal() > 0 ? 1 : 0));
      return { x: { rows: n, cols: 2, data: x }, y: { rows: n, cols: 1, data: y } };
    };
    const totals = async (n: number) => {
      let total = 0;
      await classifierEstimator.estimate(table(n), {
        kernel: tsKernel,
        seed: 0,
        labels: "y",
        onProgress: (_done, all) => {
          total = all;
        },
      });
      return total;
    };
    // 5 folds × 10 logistic rungs (the marginal and 9 penalties), and one step more a fold for the trees.
    expect(await totals(59)).toBe(50);
    expect(await totals(60)).toBe(55);
  });

  it("capacity trees on a small independent table: trees stopped at 0 iterations are the class frequencies", async () => {
    // With no other rung, trees that early stopping ends at once were dropped, leaving no model (a TypeError).
    const rng = createRng(12);
    const n = 80;
    const x = Float64Array.from({ length: 2 * n }, () => rng.normal());
    const y = Float64Array.from({ length: n }, () => rng.int(2));
    const s: PairedSample = { x: { rows: n, cols: 2, data: x }, y: { rows: n, cols: 1, data: y } };
    const r = await classifierEstimator.estimate(s, { kernel: tsKernel, seed: 0, labels: "y", capacity: "trees" });
    expect(chosen(r.settings).every((c) => c.startsWith("boosted trees"))).toBe(true);
    expect(chosen(r.settings).some((c) => c.startsWith("boosted trees, 0 iterations"))).toBe(true);
    expect(Math.abs(r.estimate)).toBeLessThan(0.1);
  });

  it("are not tried by capacity auto where their work is above TREES_MAX_WORK", async () => {
    // The 784-pixel, 10-class table at 10,000 rows: 8,000 training rows a fold, 17 bins a column.
    expect(treesWork(8_000, 784, 784 * 17, 10)).toBeGreaterThan(TREES_MAX_WORK);
    // label-gaussian-10c-64d at 5,000 rows: 64 columns of 256 bins.
    expect(treesWork(4_000, 64, 64 * 256, 10)).toBeGreaterThan(TREES_MAX_WORK);
    // seaborn's diamonds, cut from its 9 columns one-hot (22 features, 5,632 bins), 43,152 rows a fold.
    expect(treesWork(43_152, 22, 5_632, 5)).toBeLessThanOrEqual(TREES_MAX_WORK);
    // And the classifier follows it: ten classes from 64 Gaussian columns at 5,000 rows, the first bit of the label
    // a checkerboard of two columns (which trees would read and logistic regression cannot), are read without trees.
    const rng = createRng(6);
    const n = 5_000;
    const x = Float64Array.from({ length: 64 * n }, () => rng.normal());
    const bit = (i: number) => ((x[64 * i] as number) > 0 !== (x[64 * i + 1] as number) > 0 ? 1 : 0);
    const y = Float64Array.from({ length: n }, (_, i) => bit(i) + 2 * rng.int(5));
    const r = await classifierEstimator.estimate(
      { x: { rows: n, cols: 64, data: x }, y: { rows: n, cols: 1, data: y } },
      { kernel: tsKernel, labels: "y", capacity: "auto", folds: 5, maxEpochs: 1 },
    );
    expect(chosen(r.settings).some((c) => c.startsWith("boosted trees"))).toBe(false);
  });

  it("are shaped by their training rows alone: the held-out rows' values move no cut point and no tree", () => {
    // 1,200 distinct values, so that the bins are quantiles; the label is the first column's sign, with noise.
    const rng = createRng(21);
    const n = 1_200;
    const data = Float64Array.from({ length: 2 * n }, () => rng.normal());
    const codes = Int32Array.from({ length: n }, (_, i) => ((data[2 * i] as number) + 0.3 * rng.normal() > 0 ? 1 : 0));
    const train = Array.from({ length: 900 }, (_, i) => i);
    const held = Array.from({ length: n - 900 }, (_, i) => 900 + i);
    const moved = data.slice();
    for (const r of held) moved[2 * r] = 3 * (moved[2 * r] as number) + 1;
    const a = fitTrees({ features: { rows: n, cols: 2, data }, codes, classes: 2 }, train, held);
    const b = fitTrees({ features: { rows: n, cols: 2, data: moved }, codes, classes: 2 }, train, held);
    expect(a.fit.iterations).toBeGreaterThan(0);
    expect(b.fit.model.trees).toEqual(a.fit.model.trees);
    expect(Array.from(b.fit.binned.codes.subarray(0, 2 * 900))).toEqual(
      Array.from(a.fit.binned.codes.subarray(0, 2 * 900)),
    );
  });

  it("early-stop on a stratified tenth of their training rows: a rare class is among the stopping rows", () => {
    // 400 training rows, the 40 of class 1 last: the first tenth of them held none.
    const codes = Int32Array.from({ length: 500 }, (_, r) => (r >= 360 && r < 400 ? 1 : 0));
    const train = Array.from({ length: 400 }, (_, i) => i);
    const { fit, stop } = stoppingSplit(train, codes, 2);
    expect(stop.length).toBe(400 * STOP_FRACTION);
    expect(Array.from(stop).filter((r) => codes[r] === 1).length).toBe(4);
    expect([...fit, ...stop].sort((a, b) => a - b)).toEqual(train);
  });
});
