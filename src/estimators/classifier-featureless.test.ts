import { describe, expect, it } from "vitest";
import { tsKernel } from "../linalg/ts-kernel.js";
import type { PairedSample } from "../types.js";
import { classifierEstimator } from "./classifier.js";

/**
 * A categorical feature whose every category has fewer rows than an indicator needs leaves the linear model no
 * column: the classifier must still answer — with the class frequencies only, a bound of about 0 and a warning —
 * rather than fail inside the network (it threw "MLP layer sizes must be integers ≥ 1, got [0, 2]").
 */
describe("classifier with no feature column to fit", () => {
  /** n rows of a categorical feature with `levels` levels (i mod levels) and a label that is a function of it. */
  const sample = (n: number, levels: number): PairedSample => ({
    x: { rows: n, cols: 1, data: Float64Array.from({ length: n }, (_, i) => i % levels) },
    y: { rows: n, cols: 1, data: Float64Array.from({ length: n }, (_, i) => ((i % levels) * 7) % 2) },
    categories: { x: [Array.from({ length: levels }, (_, l) => `L${l}`)], y: [["0", "1"]] },
  });
  it("reports the class-frequency bound (about 0) with a warning", async () => {
    // 200 levels of one row each: the dependence is real, but no row's level is seen in training.
    const r = await classifierEstimator.estimate(sample(200, 200), { kernel: tsKernel, seed: 1 });
    expect(Math.abs(r.estimate)).toBeLessThan(0.03);
    expect(r.warnings.some((w) => w.startsWith("no feature column to fit"))).toBe(true);
  });
  it("has a column where levels of 2–3 rows get indicators of their own (feature-encodings.ts), and no warning", async () => {
    const r = await classifierEstimator.estimate(sample(200, 90), { kernel: tsKernel, seed: 1 });
    expect(r.estimate).toBeGreaterThan(0.3);
    expect(r.warnings.some((w) => w.startsWith("no feature column to fit"))).toBe(false);
  });
});
