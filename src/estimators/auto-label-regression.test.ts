import { describe, expect, it } from "vitest";
import { fakeEstimate } from "../../test/helpers/fake-estimate.js";
import { standInEstimator } from "../../test/helpers/stand-in-estimator.js";
import { createRng } from "../math/rng.js";
import type { PairedSample } from "../types.js";
import { createAutoEstimator } from "./auto.js";
import { candidateEstimators } from "./auto-choice.js";
import { AUTO_LABEL_REGRESSION_TREES_WORK } from "./auto-label-regression.js";
import { profileSample } from "./auto-profile.js";
import { AUTO_REGRESSION_WORK, regressionWork } from "./auto-regression-cost.js";
import { ESTIMATORS } from "./index.js";
import { regressionTreesWork } from "./regression-trees.js";

const all = (_name: string) => true;

/**
 * 3 normal columns against an ordered label of 21 values: y = round(4s + 10) clamped to 0..20, s = x₁ + x₂/2 + ε/2
 * (I(X; s) = ½ log 6 = 0.896, the label a fine rounding of s). `strings`: the same label read as text.
 */
function ordered(n: number, seed: number, strings = false): PairedSample {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: n * 3 }, () => rng.normal());
  const y = Float64Array.from({ length: n }, (_, r) => {
    const s = (x[r * 3] as number) + 0.5 * (x[r * 3 + 1] as number) + 0.5 * rng.normal();
    return Math.min(20, Math.max(0, Math.round(4 * s + 10)));
  });
  const labels = Array.from({ length: 21 }, (_, v) => `level ${v}`);
  return {
    x: { rows: n, cols: 3, data: x },
    y: { rows: n, cols: 1, data: y },
    ...(strings ? { categories: { x: [undefined, undefined, undefined], y: [labels] } } : {}),
  };
}

describe("auto: the regression bound beside the classifier for a label of numbers", () => {
  it("runs for one column of integer codes, not for text labels, and within its work budget", () => {
    const numbers = profileSample(ordered(600, 1));
    expect(numbers).toMatchObject({ kindY: "discrete", numericLabelY: true, numericLabelX: false });
    const first = candidateEstimators(numbers, all)[0];
    expect(first?.estimator).toBe("classifier");
    expect(first?.companions).toEqual([
      expect.objectContaining({ estimator: "mixed", rule: "within-ceiling" }),
      { estimator: "regression", settings: { target: "y" }, rule: "larger-bound" },
    ]);
    expect(first?.reason).toMatch(/the label's values are numbers: the held-out regression bound on them beside it/);
    const text = profileSample(ordered(600, 1, true));
    expect(text.numericLabelY).toBe(false);
    expect(candidateEstimators(text, all)[0]?.companions?.map((c) => c.estimator)).toEqual(["mixed"]);
    expect(candidateEstimators(numbers, (n) => n !== "regression")[0]?.companions?.map((c) => c.estimator)).toEqual([
      "mixed",
    ]);
    const wide = { ...numbers, n: 20_000, dx: 600 };
    expect(regressionWork(wide.n, wide.dx)).toBeGreaterThan(AUTO_REGRESSION_WORK);
    expect(candidateEstimators(wide, all)[0]?.companions ?? []).toEqual([]);
    // Nor where its trees would cost more than the classifier (10 class codes, 64 columns, 5,000 rows).
    const codes = { ...numbers, n: 5000, dx: 64 };
    expect(regressionTreesWork(codes.n, codes.dx, 2 * codes.dx, 5)).toBeGreaterThan(AUTO_LABEL_REGRESSION_TREES_WORK);
    expect(regressionTreesWork(numbers.n, numbers.dx, 2 * numbers.dx, 5)).toBeLessThan(
      AUTO_LABEL_REGRESSION_TREES_WORK,
    );
    expect(candidateEstimators(codes, all)[0]?.companions ?? []).toEqual([]);
  });

  it("is reported where it reads more than the classifier, which a softmax over 21 unordered classes does", async () => {
    const r = await createAutoEstimator(async () => ESTIMATORS).estimate(ordered(600, 2));
    expect(r.settings.choice).toBe("regression");
    const used = r.settings.companions?.find((c) => c.used === true) as {
      replaced?: { estimator: string; estimate: number };
    };
    expect(used.replaced?.estimator).toBe("classifier");
    expect(r.estimate).toBeGreaterThan(used.replaced?.estimate ?? Number.POSITIVE_INFINITY);
    expect(r.estimate).toBeLessThan(0.896);
    expect(r.estimate).toBeGreaterThan(0.7);
  });

  it("is not reported above the label's entropy, where MI cannot be", async () => {
    const s = ordered(600, 2);
    const run = (value: number) =>
      createAutoEstimator(async () => ({
        ...ESTIMATORS,
        mixed: standInEstimator("mixed", () => fakeEstimate("mixed", 0, [-0.1, 0.1])),
        regression: standInEstimator("regression", () => fakeEstimate("regression", value, [value - 0.1, value + 0.1])),
      })).estimate(s);
    const within = await run(1.5);
    expect(within.settings.choice).toBe("regression");
    const above = await run(9);
    expect(above.settings.choice).toBe("classifier");
    const entropy = Number(above.settings.labelEntropy);
    expect(entropy).toBeGreaterThan(1.5);
    expect(entropy).toBeLessThan(9);
  });

  it("is not run when the classifier's bound is within its standard error of the label's entropy", async () => {
    const s = ordered(600, 2);
    const calls: number[] = [];
    const run = (value: number) =>
      createAutoEstimator(async () => ({
        ...ESTIMATORS,
        classifier: standInEstimator("classifier", () =>
          fakeEstimate("classifier", value, [value - 0.02, value + 0.02], { settings: { labelEntropy: 2.01 } }),
        ),
        mixed: standInEstimator("mixed", () => fakeEstimate("mixed", 0, [-0.1, 0.1])),
        regression: standInEstimator("regression", () => {
          calls.push(value);
          return fakeEstimate("regression", value + 0.005, [value - 0.095, value + 0.105]);
        }),
      })).estimate(s);
    const at = await run(2);
    expect(at.settings.choice).toBe("classifier");
    expect(calls).toEqual([]);
    expect(at.settings.companions).toContainEqual({
      estimator: "regression",
      target: "y",
      skipped:
        "not run: classifier read 2.0000, within its standard error (0.0102) of H = 2.0100 of the label, which no bound exceeds",
    });
    const below = await run(1.9);
    expect(calls).toEqual([1.9]);
    expect(below.settings.choice).toBe("regression");
  });
});
