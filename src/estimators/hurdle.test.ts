import { describe, expect, it } from "vitest";
import { expectCodeAsync } from "../../test/helpers/expect-code.js";
import { createRng } from "../math/rng.js";
import type { PairedSample } from "../types.js";
import { classifierEstimator } from "./classifier.js";
import { hurdleEstimator } from "./hurdle.js";
import { regressionEstimator } from "./regression.js";

/**
 * An amount that is 0 when a score s = x₁ + x₂ is below a threshold (30% of the rows) and s + noise/4 above it,
 * beside a noise column: X sets both whether Y is 0 and its size.
 */
function zeroInflated(n: number, seed: number): PairedSample {
  const rng = createRng(seed, 5);
  const x = new Float64Array(n * 3);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = rng.normal();
    x.set([a, b, rng.normal()], 3 * i);
    const s = a + b;
    y[i] = s < -0.74 ? 0 : 2 + s + 0.25 * rng.normal();
  }
  return { x: { rows: n, cols: 3, data: x }, y: { rows: n, cols: 1, data: y } };
}

describe("hurdle: the chain rule over a target's point mass", () => {
  it("is the classifier's bound on [Y = 0] plus the share off 0 times the regression's bound there", async () => {
    const s = zeroInflated(400, 1);
    const r = await hurdleEstimator.estimate(s, { seed: 3 });
    // The two bounds, run here on samples built apart from the estimator.
    const zero = Float64Array.from(s.y.data, (v) => (v === 0 ? 1 : 0));
    const onB: PairedSample = {
      x: s.x,
      y: { rows: 400, cols: 1, data: zero },
      categories: { x: [], y: [["other", "atom"]] },
    };
    const rows = Array.from(s.y.data.keys()).filter((i) => s.y.data[i] !== 0);
    const rest: PairedSample = {
      x: {
        rows: rows.length,
        cols: 3,
        data: Float64Array.from(rows.flatMap((i) => Array.from(s.x.data.subarray(3 * i, 3 * i + 3)))),
      },
      y: { rows: rows.length, cols: 1, data: Float64Array.from(rows, (i) => s.y.data[i] as number) },
    };
    const c = await classifierEstimator.estimate(onB, { seed: 3, labels: "y" });
    const g = await regressionEstimator.estimate(rest, { seed: 3, target: "y" });
    const p = rows.length / 400;
    expect(r.settings.atom).toBe(0);
    expect(r.settings.atomShare).toBeCloseTo(1 - p, 12);
    expect(r.estimate).toBeCloseTo(c.estimate + p * g.estimate, 12);
    expect(r.stderr).toBeCloseTo(Math.hypot(c.stderr, p * g.stderr), 12);
    expect(r.ci95[0]).toBeLessThan(r.estimate);
    expect(r.ci95[1]).toBeGreaterThan(r.estimate);
  });

  it("reads more than the regression bound alone, whose random tie ranks turn the zeros into noise", async () => {
    const s = zeroInflated(600, 2);
    const [h, g] = await Promise.all([hurdleEstimator.estimate(s, {}), regressionEstimator.estimate(s, {})]);
    expect(h.estimate).toBeGreaterThan(g.estimate + 0.2);
    expect(h.ci95[0]).toBeGreaterThan(g.estimate);
  });

  it("refuses a target without a point mass, and a side of several columns, in one line with a code", async () => {
    const s = zeroInflated(200, 3);
    const distinct: PairedSample = { ...s, y: { rows: 200, cols: 1, data: s.x.data.filter((_, i) => i % 3 === 0) } };
    await expectCodeAsync(hurdleEstimator.estimate(distinct, {}), "E_DATA", /most frequent value holds 1 of 200/);
    await expectCodeAsync(hurdleEstimator.estimate(s, { target: "x" }), "E_DATA", /one-column side/);
  });
});
