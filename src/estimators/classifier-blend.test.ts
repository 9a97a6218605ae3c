import { describe, expect, it } from "vitest";
import { createRng } from "../math/rng.js";
import type { PairedSample } from "../types.js";
import { classifierEstimator } from "./classifier.js";
import { blendLogLik, chooseBlend } from "./classifier-blend.js";

describe("blendLogLik: log(w·q_trees + (1 − w)·q_logistic) of each row's label", () => {
  it("equals the direct formula, and stays finite where one model gives the label almost no probability", () => {
    const a = [-0.1, -2.3, -0.7];
    const b = [-1.2, -0.05, -0.7];
    const got = blendLogLik(a, b, 0.3);
    a.forEach((ai, i) => {
      expect(got[i]).toBeCloseTo(Math.log(0.3 * Math.exp(b[i] as number) + 0.7 * Math.exp(ai)), 12);
    });
    // ±1e4 nats: the blend is log w (or log(1 − w)) plus the model that still gives the label its mass.
    const far = blendLogLik([-1e4, 0], [0, -1e4], 0.25);
    expect(far[0]).toBeCloseTo(Math.log(0.25), 12);
    expect(far[1]).toBeCloseTo(Math.log(0.75), 12);
    expect(blendLogLik([Number.NEGATIVE_INFINITY], [Number.NEGATIVE_INFINITY], 0.5)[0]).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe("chooseBlend: a weight only where the blend beats the better model by a standard error", () => {
  const rng = createRng(9);
  const n = 300;
  it("blends two models that are each sure and wrong on different rows", () => {
    // Half the rows: logistic gives the label 0.9 and the trees 0.1; the other half the reverse. Each reads
    // ½(log 0.9 + log 0.1) = −1.20 a row; the even blend log 0.5 = −0.69.
    const a = Float64Array.from({ length: n }, (_, i) => Math.log(i % 2 === 0 ? 0.9 : 0.1) + 0.01 * rng.normal());
    const b = Float64Array.from({ length: n }, (_, i) => Math.log(i % 2 === 0 ? 0.1 : 0.9) + 0.01 * rng.normal());
    expect(chooseBlend(a, b)).toBe(0.5);
  });

  it("keeps the single model where one is better on every row", () => {
    const a = Float64Array.from({ length: n }, () => Math.log(0.3 + 0.2 * rng.uniform()));
    const b = Float64Array.from(a, (v) => v + 0.4);
    expect(chooseBlend(a, b)).toBeNull();
    expect(chooseBlend(b, a)).toBeNull();
  });

  it("keeps the single model where two equal models differ by noise (a blend is not a free gain)", () => {
    const a = Float64Array.from({ length: n }, () => Math.log(0.5 + 0.3 * rng.uniform()));
    const b = Float64Array.from(a);
    expect(chooseBlend(a, b)).toBeNull();
  });
});

/** A binary label with a smooth effect of x₁ and a step in x₂: logit 1.5·x₁ + (2.5 if x₂ > 0.5 else −1). */
function smoothAndStep(n: number, seed: number): PairedSample {
  const rng = createRng(seed, 5);
  const x = new Float64Array(n * 2);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = rng.normal();
    x[2 * i] = a;
    x[2 * i + 1] = b;
    const logit = 1.5 * a + (b > 0.5 ? 2.5 : -1);
    y[i] = rng.uniform() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { x: { rows: n, cols: 2, data: x }, y: { rows: n, cols: 1, data: y } };
}

describe("the classifier's folds blend logistic regression and trees", () => {
  it("chooses the blend where each model misses what the other sees, and reads above both", async () => {
    const sample = smoothAndStep(400, 1);
    const auto = await classifierEstimator.estimate(sample, { seed: 1 });
    const logistic = await classifierEstimator.estimate(sample, { seed: 1, capacity: "logistic" });
    const trees = await classifierEstimator.estimate(sample, { seed: 1, capacity: "trees" });
    // Measured: the blend in 5 folds of 5, 0.256 [0.204, 0.308]; logistic 0.214, trees 0.236.
    const blended = auto.settings.chosenCapacity.filter((c) => c.startsWith("blend of logistic"));
    expect(blended.length).toBeGreaterThanOrEqual(3);
    expect(auto.estimate).toBeGreaterThan(logistic.estimate);
    expect(auto.estimate).toBeGreaterThan(trees.estimate);
  }, 60_000);
});
