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
  it("reports the class-frequency bound (about 0) with a warning", async () => {
    const n = 200;
    // 90 levels of 2–3 rows each; the label is a function of the level (so the dependence is real, just unlearnable).
    const x = Float64Array.from({ length: n }, (_, i) => i % 90);
    const y = Float64Array.from({ length: n }, (_, i) => ((i % 90) * 7) % 2);
    const labels = Array.from({ length: 90 }, (_, l) => `L${l}`);
    const sample: PairedSample = {
      x: { rows: n, cols: 1, data: x },
      y: { rows: n, cols: 1, data: y },
      categories: { x: [labels], y: [["0", "1"]] },
    };
    const r = await classifierEstimator.estimate(sample, { kernel: tsKernel, seed: 1 });
    expect(Math.abs(r.estimate)).toBeLessThan(0.03);
    expect(r.warnings.some((w) => w.startsWith("no feature column to fit"))).toBe(true);
  });
});
