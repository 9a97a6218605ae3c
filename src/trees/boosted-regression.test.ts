import { describe, expect, it } from "vitest";
import sklearn from "../../test/fixtures/trees/boosted-regression-sklearn.json" with { type: "json" };
import { createRng } from "../math/rng.js";
import { boostedPredictions, fitBoostedRegression } from "./boosted-regression.js";
import { BOOSTING_DEFAULTS } from "./boosted-softmax.js";
import { binFeatures } from "./feature-bins.js";

const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe("fitBoostedRegression", () => {
  it("reaches a piecewise-constant target exactly: each tree removes a fixed share of every group's residual", () => {
    // Three groups of one column, t constant within each: a tree splits them apart and moves each by lr × its
    // residual, so after k iterations the residual is (1 − lr)^k of the first (0.7^300 ≈ 1e-47).
    const n = 300;
    const x = Float64Array.from({ length: n }, (_, i) => i % 3);
    const levels = [-1.5, 0.25, 4];
    const t = Float64Array.from(x, (g) => levels[g] as number);
    const binned = binFeatures({ rows: n, cols: 1, data: x });
    const { model } = fitBoostedRegression(binned, t, all(n), null, {
      ...BOOSTING_DEFAULTS,
      learningRate: 0.3,
      maxIterations: 300,
    });
    expect(model.trees.length).toBe(300);
    const f = boostedPredictions(model, binned, all(n));
    for (let i = 0; i < n; i++) expect(Math.abs((f[i] as number) - (t[i] as number))).toBeLessThan(1e-12);
    // One iteration at lr 0.3 from the mean 0.9166…: each group moves 0.3 of its way.
    const one = fitBoostedRegression(binned, t, all(n), null, {
      ...BOOSTING_DEFAULTS,
      learningRate: 0.3,
      maxIterations: 1,
    });
    const mean = levels.reduce((a, b) => a + b, 0) / 3;
    const g = boostedPredictions(one.model, binned, [0, 1, 2]);
    for (const [k, v] of levels.entries()) expect(g[k]).toBeCloseTo(mean + 0.3 * (v - mean), 12);
  });

  it("a single leaf (no split allowed) moves every row by lr × the mean residual; the base is the mean of train and stop rows", () => {
    const n = 30;
    const rng = createRng(3);
    const binned = binFeatures({ rows: n, cols: 2, data: Float64Array.from({ length: 2 * n }, () => rng.normal()) });
    const t = Float64Array.from({ length: n }, () => rng.normal());
    const train = all(20);
    const stop = Int32Array.from({ length: 10 }, (_, i) => 20 + i);
    const mean = (rows: Int32Array) => rows.reduce((s, r) => s + (t[r] as number), 0) / rows.length;
    const base = mean(all(n));
    // 20 rows a leaf on 20 training rows: the root cannot split.
    const { model } = fitBoostedRegression(binned, t, train, null, {
      ...BOOSTING_DEFAULTS,
      learningRate: 1,
      maxIterations: 1,
    });
    expect(model.base).toBeCloseTo(mean(train), 12);
    expect(boostedPredictions(model, binned, [25])[0]).toBeCloseTo(mean(train), 12);
    const withStop = fitBoostedRegression(binned, t, train, stop, { ...BOOSTING_DEFAULTS, learningRate: 0.5 });
    expect(withStop.model.base).toBeCloseTo(base, 12);
    // Its first step moves the stop rows by 0.5 (mean(train) − base): kept when it lowers their squared error.
    const step = 0.5 * (mean(train) - base);
    const mse = (shift: number) => stop.reduce((s, r) => s + (base + shift - (t[r] as number)) ** 2, 0) / stop.length;
    expect(withStop.stopMeanSquaredError).toBeCloseTo(
      Math.min(mse(0), mse(step), mse(step + 0.5 * (mean(train) - base - step))),
      12,
    );
  });

  it("stops early on a target the features do not predict, the stopping rows' error at about the base's", () => {
    const rng = createRng(9);
    const n = 2_000;
    const binned = binFeatures({ rows: n, cols: 2, data: Float64Array.from({ length: 2 * n }, () => rng.normal()) });
    const t = Float64Array.from({ length: n }, () => rng.normal());
    const stop = Int32Array.from({ length: 200 }, (_, i) => 1_800 + i);
    const fit = fitBoostedRegression(binned, t, all(1_800), stop, BOOSTING_DEFAULTS);
    expect(fit.model.trees.length).toBeLessThan(BOOSTING_DEFAULTS.maxIterations);
    const base = fit.model.base;
    const atBase = stop.reduce((s, r) => s + (base - (t[r] as number)) ** 2, 0) / stop.length;
    expect(fit.stopMeanSquaredError).toBeLessThanOrEqual(atBase);
    // The best of the iterations tried on 200 stopping rows flatters itself a little (3.3% below the base's here).
    expect(fit.stopMeanSquaredError).toBeGreaterThan(0.95 * atBase);
    const f = boostedPredictions(fit.model, binned, stop);
    const refit = stop.reduce((s, r, i) => s + ((f[i] as number) - (t[r] as number)) ** 2, 0) / stop.length;
    expect(refit).toBeCloseTo(fit.stopMeanSquaredError, 12);
  });

  it("agrees with scikit-learn's HistGradientBoostingRegressor (test/fixtures/trees/boosted-regression-sklearn.py)", () => {
    // The fixture's table, rebuilt: 250 rows, so both sides bin one value each and grow the same trees. scikit-learn
    // sums gradients in float32: agreement to 1e-5.
    const n = 250;
    const x = new Float64Array(3 * n);
    const t = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const [a, b, c] = [(i * 0.6180339887) % 1, (i * 0.4142135624) % 1, (i * 0.7320508076) % 1];
      x.set([a, b, c], 3 * i);
      t[i] = Math.sin(6 * a) + (b > 0.5 ? 1 : 0) + a * c + 0.2 * Math.sin(i * 12.9898);
    }
    const binned = binFeatures({ rows: n, cols: 3, data: x });
    const { model } = fitBoostedRegression(binned, t, all(n), null, {
      ...BOOSTING_DEFAULTS,
      maxIterations: sklearn.iterations,
    });
    const f = boostedPredictions(model, binned, all(n));
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs((f[i] as number) - (sklearn.prediction[i] as number)));
    expect(worst).toBeLessThan(1e-5);
  });
});
