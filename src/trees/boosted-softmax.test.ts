import { describe, expect, it } from "vitest";
import { createRng } from "../math/rng.js";
import { BOOSTING_DEFAULTS, boostedLogLikelihoods, fitBoostedSoftmax } from "./boosted-softmax.js";
import { binFeatures } from "./feature-bins.js";

/**
 * One column of `groups` values and a label drawn per group: the saturated model's maximum-likelihood q(y|x) is the
 * label's frequency within each group (closed form), which boosting without shrinkage loss must reach.
 */
function grouped(n: number, groups: number, classes: number, seed: number) {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: n }, () => rng.int(groups));
  const labels = Int32Array.from(x, (g) => (rng.uniform() < 0.3 + 0.2 * g ? 0 : 1 + rng.int(classes - 1)));
  const counts = Array.from({ length: groups }, () => new Array<number>(classes).fill(0));
  x.forEach((g, i) => {
    const row = counts[g] as number[];
    row[labels[i] as number] = (row[labels[i] as number] as number) + 1;
  });
  return { binned: binFeatures({ rows: n, cols: 1, data: x }), x, labels, counts };
}

const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe("fitBoostedSoftmax", () => {
  for (const classes of [2, 3]) {
    it(`reaches the within-group label frequencies, the closed-form optimum (${classes} classes)`, () => {
      const n = 600;
      const { binned, x, labels, counts } = grouped(n, 3, classes, classes);
      const { model } = fitBoostedSoftmax(binned, labels, classes, all(n), null, {
        ...BOOSTING_DEFAULTS,
        minRowsPerLeaf: 1,
        maxIterations: 400,
        learningRate: 0.3,
      });
      expect(model.trees.length).toBe(400);
      expect(model.moved.length).toBe(classes === 2 ? 1 : classes);
      const logLik = boostedLogLikelihoods(model, binned, labels, all(n));
      for (let i = 0; i < n; i++) {
        const group = counts[x[i] as number] as number[];
        const total = group.reduce((a, b) => a + b, 0);
        expect(logLik[i]).toBeCloseTo(Math.log((group[labels[i] as number] as number) / total), 6);
      }
    });
  }

  it("stops early on labels the feature does not predict, and runs every iteration without stopping rows", () => {
    const rng = createRng(9);
    const n = 2_000;
    const binned = binFeatures({ rows: n, cols: 2, data: Float64Array.from({ length: 2 * n }, () => rng.normal()) });
    const labels = Int32Array.from({ length: n }, () => rng.int(3));
    const train = all(1_600);
    const stop = Int32Array.from({ length: 400 }, (_, i) => 1_600 + i);
    const stopped = fitBoostedSoftmax(binned, labels, 3, train, stop, BOOSTING_DEFAULTS);
    expect(stopped.model.trees.length).toBeLessThan(10);
    // Its cross-entropy on the stopping rows is about log 3, the marginal's.
    expect(Math.abs(stopped.stopCrossEntropy - Math.log(3))).toBeLessThan(0.02);
    const full = fitBoostedSoftmax(binned, labels, 3, train, null, { ...BOOSTING_DEFAULTS, maxIterations: 30 });
    expect(full.model.trees.length).toBe(30);
    expect(Number.isNaN(full.stopCrossEntropy)).toBe(true);
  });

  it("scores a class absent from the training rows with a finite log-likelihood (counted as half a row)", () => {
    const n = 200;
    const binned = binFeatures({ rows: n, cols: 1, data: Float64Array.from({ length: n }, (_, i) => i % 7) });
    const labels = Int32Array.from({ length: n }, (_, i) => (i === n - 1 ? 2 : i % 2));
    const { model } = fitBoostedSoftmax(binned, labels, 3, all(n - 1), null, {
      ...BOOSTING_DEFAULTS,
      maxIterations: 5,
    });
    expect(model.prior[2]).toBeCloseTo(Math.log(0.5 / (n - 1)), 12);
    const logLik = boostedLogLikelihoods(model, binned, labels, [n - 1]);
    expect(Number.isFinite(logLik[0])).toBe(true);
    expect(logLik[0]).toBeLessThan(Math.log(1 / n));
  });
});
