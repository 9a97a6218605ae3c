import { describe, expect, it } from "vitest";
import { expectCodeAsync } from "../../test/helpers/expect-code.js";
import { createRng } from "../math/rng.js";
import { getTask } from "../tasks/registry.js";
import type { PairedSample } from "../types.js";
import { gaussianEstimator } from "./gaussian.js";
import { tCopulaEstimator } from "./t-copula.js";

/** Independent standard normal columns, dx + dy of them. */
function independent(n: number, dx: number, dy: number, seed: number): PairedSample {
  const rng = createRng(seed, 21);
  const side = (d: number) => ({ rows: n, cols: d, data: Float64Array.from({ length: n * d }, () => rng.normal()) });
  return { x: side(dx), y: side(dy) };
}

/** Each column through its own increasing map: the copula, and so the MI, is unchanged. */
function warped(s: PairedSample): PairedSample {
  const maps = [Math.exp, (v: number) => v ** 3, Math.sinh, (v: number) => 1 / (1 + Math.exp(-v))];
  const warp = (m: PairedSample["x"]) => ({
    ...m,
    data: Float64Array.from(m.data, (v, i) => (maps[(i % m.cols) % maps.length] as (v: number) => number)(v)),
  });
  return { x: warp(s.x), y: warp(s.y) };
}

describe("t-copula", () => {
  it("reads the closed-form MI of a Student-t law (bmi's dense 3+3, ν = 3) and its degrees of freedom", async () => {
    const task = getTask("student-dense-3-3-3-0.5");
    const r = await tCopulaEstimator.estimate(task.sample(4000, 1), { seed: 2, replicates: 20 });
    expect(Math.abs(r.estimate - task.trueMI)).toBeLessThan(0.04);
    expect(r.ci95[0]).toBeLessThan(task.trueMI);
    expect(r.ci95[1]).toBeGreaterThan(task.trueMI);
    expect(r.settings.nu).toBeGreaterThan(2.2);
    expect(r.settings.nu).toBeLessThan(4);
    expect(r.settings.radialP).toBeGreaterThan(0.01);
    expect(r.warnings).toEqual([]);
  });

  it("reads an uncorrelated Student-t's dependence, which the Gaussian copula cannot see", async () => {
    const task = getTask("student-identity-2-2-1");
    const s = task.sample(3000, 4);
    const t = await tCopulaEstimator.estimate(s, { uncertainty: "none" });
    const g = await gaussianEstimator.estimate(s, { copula: true });
    expect(Math.abs(t.estimate - task.trueMI)).toBeLessThan(0.05);
    expect(g.estimate).toBeLessThan(0.05);
  });

  it("depends on the ranks alone: increasing maps of the columns change nothing", async () => {
    const s = getTask("student-dense-3-3-3-0.5").sample(1500, 7);
    const a = await tCopulaEstimator.estimate(s, { uncertainty: "none" });
    const b = await tCopulaEstimator.estimate(warped(s), { uncertainty: "none" });
    expect(b.estimate).toBeCloseTo(a.estimate, 12);
    expect(b.settings.nu).toBe(a.settings.nu);
  });

  it("is the Gaussian-copula estimate on a Gaussian law (ν fitted large or ∞)", async () => {
    const s = getTask("gaussian-20d-8nats").sample(4000, 3);
    const t = await tCopulaEstimator.estimate(s, { uncertainty: "none" });
    const g = await gaussianEstimator.estimate(s, { copula: true });
    // 20 pairs of MI 0.4 each: R from Kendall's τ is a little noisier than the sample correlation.
    expect(Math.abs(t.estimate - g.estimate)).toBeLessThan(0.01 * g.estimate);
    expect(t.settings.nu === null || (t.settings.nu as number) > 20).toBe(true);
  });

  it("is centred on 0 at independence in many dimensions (the Kendall R's bias subtracted)", async () => {
    // 10+10 columns, 1,000 rows: the Gaussian part alone reads about 0.055 here.
    const values = [];
    for (const seed of [1, 2, 3]) {
      const r = await tCopulaEstimator.estimate(independent(1000, 10, 10, seed), { uncertainty: "none" });
      expect(r.settings.bias).toBeGreaterThan(0.04);
      values.push(r.estimate);
    }
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
  });

  it("fails its check on a law that is no t copula, whose radii alone pass: a warning, or E_DATA under check: refuse", async () => {
    const rng = createRng(5, 3);
    const n = 2000;
    const x = Float64Array.from({ length: n * 3 }, () => rng.normal());
    const y = Float64Array.from(x, (v) => v * v + 0.2 * rng.normal());
    const s: PairedSample = { x: { rows: n, cols: 3, data: x }, y: { rows: n, cols: 3, data: y } };
    const r = await tCopulaEstimator.estimate(s, { uncertainty: "none" });
    expect(r.settings.radialP).toBeGreaterThan(0.01);
    expect(r.settings.symmetryP).toBeLessThan(1e-6);
    expect(r.warnings.some((w) => /fail the t-copula check/.test(w))).toBe(true);
    await expectCodeAsync(tCopulaEstimator.estimate(s, { check: "refuse" }), "E_DATA", /no t copula/);
  });

  it("refuses too few rows with a one-line E_DATA", async () => {
    await expectCodeAsync(tCopulaEstimator.estimate(independent(12, 2, 2, 1), {}), "E_DATA", /at least 20 rows/);
  });
});
