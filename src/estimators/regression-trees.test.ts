import { describe, expect, it } from "vitest";
import { createRng } from "../math/rng.js";
import type { PairedSample } from "../types.js";
import { type DecoderChoice, decoderName, foldRegression, innerChoice } from "./gaussian-decoder.js";
import { regressionEstimator } from "./regression.js";
import { REGRESSION_TREES_MAX_WORK, regressionTreesWork, TREE_DECODERS, treesPredictor } from "./regression-trees.js";

const SIGMA = 0.5;

/**
 * y = s + σε with s = ±1 the sign of x₁x₂ (an interaction no sum of functions of one column reads: each alone is
 * independent of s), beside two idle columns; x ~ N(0, I₄).
 */
function xor(n: number, seed: number): PairedSample {
  const rng = createRng(seed, 5);
  const x = Float64Array.from({ length: 4 * n }, () => rng.normal());
  const y = Float64Array.from({ length: n }, (_, r) => {
    const s = (x[4 * r] as number) * (x[4 * r + 1] as number) > 0 ? 1 : -1;
    return s + SIGMA * rng.normal();
  });
  return { x: { rows: n, cols: 4, data: x }, y: { rows: n, cols: 1, data: y } };
}

/** I(X;Y) = h(½N(−1, σ²) + ½N(1, σ²)) − h(N(0, σ²)), the first by the trapezoid rule on a fine grid: the oracle. */
function xorMutualInformation(): number {
  const density = (y: number) =>
    (Math.exp(-((y - 1) ** 2) / (2 * SIGMA * SIGMA)) + Math.exp(-((y + 1) ** 2) / (2 * SIGMA * SIGMA))) /
    (2 * SIGMA * Math.sqrt(2 * Math.PI));
  const step = 1e-3;
  let h = 0;
  for (let y = -6; y <= 6; y += step) {
    const p = density(y);
    if (p > 0) h -= p * Math.log(p) * step;
  }
  return h - 0.5 * Math.log(2 * Math.PI * Math.E * SIGMA * SIGMA);
}

describe("boosted trees among the regression's decoders", () => {
  it("read an interaction the ridge decoders cannot: y = sign(x₁x₂) + noise, chosen in every fold, below the MI", async () => {
    const truth = xorMutualInformation();
    const e = await regressionEstimator.estimate(xor(2_000, 1), { seed: 1 });
    expect(e.settings.chosen.every((c) => c.startsWith("trees"))).toBe(true);
    // A Gaussian decoder of the normal scores of a bimodal target is a loose lower bound: 0.441 of the MI 0.633
    // (seed 1), where the ridge decoders, additive ones included, read about 0.
    expect(e.estimate).toBeLessThan(truth);
    expect(e.estimate).toBeGreaterThan(0.6 * truth);
    const ridgeOnly = await regressionEstimator.estimate(xor(2_000, 1), { seed: 1, features: "additive" });
    expect(ridgeOnly.estimate).toBeLessThan(0.05);
  }, 120_000);

  it("costs one fit per pair of folds and one per outer fold, each at its iteration limit", () => {
    // 5 folds: 10 pairs on 3/5 of the rows, 5 outer fits on 4/5: 10 n row passes a column and an iteration (no
    // bins: the histogram pass alone).
    const iterations = TREE_DECODERS.reduce((s, d) => s + d.settings.maxIterations, 0);
    expect(regressionTreesWork(1_000, 7, 0, 5)).toBeCloseTo(10 * 1_000 * 7 * iterations, 6);
    // 3 folds: 3 pairs on 1/3, 3 outer fits on 2/3: 3 n.
    expect(regressionTreesWork(1_000, 7, 0, 3)).toBeCloseTo(3 * 1_000 * 7 * iterations, 6);
  });

  it("counts every leaf's split search over the bins, which dominates on few rows and many columns", () => {
    // 200 rows × 4,999 columns of ~160 bins: 340 s of trees here, for the ridge decoders' 2 s. The rows × columns
    // term alone is within the limit; with the bins it is not.
    expect(regressionTreesWork(200, 4_999, 0, 5)).toBeLessThan(REGRESSION_TREES_MAX_WORK);
    expect(regressionTreesWork(200, 4_999, 4_999 * 160, 5)).toBeGreaterThan(REGRESSION_TREES_MAX_WORK);
    // 5,000 rows × 200 columns of 256 bins, where the trees read 0.647 and ridge 0.187 (39 s): within.
    expect(regressionTreesWork(5_000, 200, 200 * 256, 5)).toBeLessThan(REGRESSION_TREES_MAX_WORK);
    // A leaf holds minRowsPerLeaf rows: 40 rows make at most 1 leaf of the default trees a fit, 8 of the small ones.
    const bins = regressionTreesWork(40, 1, 1, 5) - regressionTreesWork(40, 1, 0, 5);
    const fits = 10 + 5;
    const leaves = TREE_DECODERS.reduce(
      (s, d) => s + Math.min(d.settings.maxLeaves, d.name === "trees" ? 1 : 8) * d.settings.maxIterations,
      0,
    );
    expect(bins).toBeCloseTo(fits * leaves, 6);
  });
});

describe("the regression's blend of its best ridge decoder and another predictor", () => {
  it("is chosen with w = 0.5 where each predicts one of two equal halves of the target", () => {
    // t = u + v: the ridge decoder sees u only, a stand-in predictor returns v. Each alone leaves a residual of
    // variance 1; the even blend, (u + v)/2, one of variance 1/2.
    const n = 600;
    const rng = createRng(3, 7);
    const u = Float64Array.from({ length: n }, () => rng.normal());
    const v = Float64Array.from({ length: n }, () => rng.normal());
    const t = Float64Array.from(u, (ui, i) => ui + (v[i] as number));
    const members = Array.from({ length: 5 }, (_, f) => Array.from({ length: n / 5 }, (_, i) => 5 * i + f));
    const predictors = new Map([
      ["stand-in", { predict: (rows: readonly number[]) => Float64Array.from(rows, (r) => v[r] as number) }],
    ]);
    const data = foldRegression(t, new Map([["standardize", { rows: n, cols: 1, data: u }]]), members, predictors);
    const choice = innerChoice(data, 0);
    expect(choice?.best.blend?.w).toBe(0.5);
    expect(decoderName(choice?.best as DecoderChoice)).toMatch(
      /^blend of standardize λ=\S+ \(0\.5\) and stand-in \(0\.5\)$/,
    );
    // Where the stand-in predicts nothing (zeros), the ridge decoder alone is kept.
    const idle = new Map([["stand-in", { predict: (rows: readonly number[]) => new Float64Array(rows.length) }]]);
    const alone = innerChoice(
      foldRegression(u, new Map([["standardize", { rows: n, cols: 1, data: u }]]), members, idle),
      0,
    );
    expect(alone?.best.blend).toBeUndefined();
  });
});

describe("treesPredictor", () => {
  it("fits once per excluded set and predicts a fold's rows once: the same array when asked again", () => {
    const n = 300;
    const rng = createRng(5, 8);
    const x = Float64Array.from({ length: n }, () => rng.normal());
    const t = Float64Array.from(x, (v) => Math.sin(2 * v) + 0.3 * rng.normal());
    const members = Array.from({ length: 5 }, (_, f) => Array.from({ length: n / 5 }, (_, i) => 5 * i + f));
    const decoder = TREE_DECODERS[1] as (typeof TREE_DECODERS)[number];
    const predictor = treesPredictor(decoder, { rows: n, cols: 1, data: x }, t, members);
    const fold = members[2] as number[];
    const first = predictor.predict(fold, [0, 2]);
    expect(predictor.predict(fold, [2, 0])).toBe(first);
    // Another fold's rows, or another fit, are predicted afresh; a copy of the rows is another request.
    expect(predictor.predict(members[3] as number[], [0, 2])).not.toBe(first);
    const again = predictor.predict([...fold], [0, 2]);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it("bins each fit at its own training rows: the values of the rows it predicts move none of its predictions", () => {
    const n = 1_000;
    const rng = createRng(9, 8);
    const x = Float64Array.from({ length: n }, () => rng.normal());
    const t = Float64Array.from(x, (v) => Math.sin(2 * v) + 0.3 * rng.normal());
    const members = Array.from({ length: 5 }, (_, f) => Array.from({ length: n / 5 }, (_, i) => 5 * i + f));
    const decoder = TREE_DECODERS[0] as (typeof TREE_DECODERS)[number];
    const moved = x.slice();
    for (const r of members[4] as number[]) moved[r] = 3 * (moved[r] as number) + 1;
    const fold = members[1] as number[];
    const a = treesPredictor(decoder, { rows: n, cols: 1, data: x }, t, members).predict(fold, [1, 4]);
    const b = treesPredictor(decoder, { rows: n, cols: 1, data: moved }, t, members).predict(fold, [1, 4]);
    expect(Array.from(b)).toEqual(Array.from(a));
  });
});
