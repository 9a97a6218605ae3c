import { describe, expect, it } from "vitest";
import { createRng } from "../math/rng.js";
import type { Matrix, PairedSample } from "../types.js";
import type { SampleProfile } from "./auto-profile.js";
import { regressionSides } from "./auto-regression-cost.js";
import { regressionEstimator } from "./regression.js";
import { blockStats, predictRow, ridgeFromStats } from "./ridge-folds.js";
import { rowSpanCoordinates } from "./row-span.js";

/** rows × cols standard normal columns, seeded. */
function normals(rows: number, cols: number, seed: number): Matrix<Float64Array> {
  const rng = createRng(seed, 11);
  return { rows, cols, data: Float64Array.from({ length: rows * cols }, () => rng.normal()) };
}

/**
 * Genes of one pathway: every column 0.5·f + noise for a latent f, and a target f + noise/2. With p columns f is
 * known to a variance 4/p, so the MI is ½ log(1 + 1/(0.25 + 4/p)) (0.799 at p = 600).
 */
function latentFactor(rows: number, cols: number, seed: number): { x: Matrix<Float64Array>; t: Float64Array } {
  const rng = createRng(seed, 12);
  const f = Float64Array.from({ length: rows }, () => rng.normal());
  const data = Float64Array.from(
    { length: rows * cols },
    (_, i) => 0.5 * (f[Math.floor(i / cols)] as number) + rng.normal(),
  );
  const t = Float64Array.from({ length: rows }, (_, r) => (f[r] as number) + 0.5 * rng.normal());
  return { x: { rows, cols, data }, t };
}

function sample(x: Matrix<Float64Array>, t: Float64Array): PairedSample {
  return { x, y: { rows: t.length, cols: 1, data: t } };
}

describe("the regression bound on more columns than rows: ridge in the rows' span", () => {
  it("gives every ridge fit on a subset of the rows the predictions of the fit on all the columns", () => {
    const { x, t } = latentFactor(50, 400, 1);
    const z = rowSpanCoordinates(x);
    expect([z.rows, z.cols]).toEqual([50, 50]);
    const train = Array.from({ length: 40 }, (_, i) => i);
    for (const lambda of [1e-2, 1]) {
      const wide = ridgeFromStats(blockStats(x.data, 400, t, train), lambda);
      const narrow = ridgeFromStats(blockStats(z.data, 50, t, train), lambda);
      if (wide === null || narrow === null) throw new Error("ridge system not positive definite");
      let worst = 0;
      for (let r = 0; r < 50; r++) {
        worst = Math.max(worst, Math.abs(predictRow(wide, x.data, 400, r) - predictRow(narrow, z.data, 50, r)));
      }
      // Measured: 5.0e-7 at λ = 0.01, 4.0e-7 at 1 (the span's ridge of 1e-6 of the mean diagonal); targets are ~1.
      expect(worst).toBeLessThan(1e-5);
    }
  });

  it("leaves a matrix of no more columns than rows as it is", () => {
    const x = normals(30, 30, 2);
    expect(rowSpanCoordinates(x)).toBe(x);
  });

  it("counts the fits on min(columns, rows) unknowns: auto runs the bound on 100 rows × 1,500 columns", () => {
    const profile: SampleProfile = {
      n: 100,
      dx: 1_500,
      dy: 1,
      kindX: "continuous",
      kindY: "continuous",
      categoricalX: [],
      categoricalY: [false],
    };
    // Before: 1,500³ per penalty and fold, 5e11 multiply-adds, so auto had no bound on such tables and reported
    // InfoNCE's held-out bound wholly below 0 (200 rows × 4,999 columns: −0.706 [−0.960, −0.451]).
    expect(regressionSides(profile).fitting).toBe("y");
  });

  it("reads independence as 0 and a latent factor's MI within its interval on 60 rows × 600 columns", async () => {
    const x = normals(60, 600, 3);
    const independent = await regressionEstimator.estimate(sample(x, normals(60, 1, 4).data), { seed: 1 });
    expect(independent.ci95[0]).toBeLessThanOrEqual(0);
    expect(independent.ci95[1]).toBeGreaterThanOrEqual(0);
    // Measured: 0.656 [0.495, 0.816]; independence 0 [−0.055, 0.055].
    const pathway = latentFactor(60, 600, 5);
    const truth = 0.5 * Math.log(1 + 1 / (0.25 + 4 / 600));
    const dependent = await regressionEstimator.estimate(sample(pathway.x, pathway.t), {
      seed: 1,
      features: "standardize",
    });
    expect(dependent.ci95[0]).toBeGreaterThan(0);
    expect(dependent.ci95[0]).toBeLessThan(truth);
    expect(dependent.ci95[1]).toBeGreaterThan(truth);
  }, 60_000);
});
