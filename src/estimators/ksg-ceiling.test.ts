import { describe, expect, it } from "vitest";
import { createRng } from "../math/rng.js";
import { autoEstimator } from "./auto.js";
import { ksg2Estimator, ksgEstimator } from "./ksg.js";

/** Oracle: ψ(n) = −γ + Σ_{j<n} 1/j for an integer n ≥ 1 (Abramowitz & Stegun 6.3.2), not the library's digamma. */
function digammaInt(n: number): number {
  let s = -0.5772156649015329;
  for (let j = 1; j < n; j++) s += 1 / j;
  return s;
}

function pairs(n: number, seed: number, f: (x: number, rng: ReturnType<typeof createRng>) => number) {
  const rng = createRng(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = rng.normal();
    y[i] = f(x[i] as number, rng);
  }
  return { x: { rows: n, cols: 1, data: x }, y: { rows: n, cols: 1, data: y } };
}

describe("KSG's ceiling ψ(n) − ψ(k): an estimate near it is flagged saturated", () => {
  it("y = x reaches the ceiling exactly (estimator 1: ψ(n) − ψ(k); estimator 2: ψ(n) − ψ(k) − 1/k), flagged", async () => {
    const s = pairs(500, 1, (x) => x);
    const e1 = await ksgEstimator.estimate(s, { replicates: 0 });
    const e2 = await ksg2Estimator.estimate(s, { replicates: 0 });
    expect(e1.estimate).toBeCloseTo(digammaInt(500) - digammaInt(3), 10);
    expect(e2.estimate).toBeCloseTo(digammaInt(500) - digammaInt(3) - 1 / 3, 10);
    for (const e of [e1, e2]) {
      expect(e.saturated).toBe(true);
      expect(e.warnings.join(" ")).toMatch(/saturated: .* lower bound/);
    }
  });

  it("a Gaussian pair of 0.51 nats (ρ 0.8) is far from it: not flagged", async () => {
    const e = await ksgEstimator.estimate(
      pairs(1000, 2, (x, rng) => 0.8 * x + 0.6 * rng.normal()),
      { replicates: 0 },
    );
    expect(e.saturated).toBe(false);
    expect(e.warnings.some((w) => w.startsWith("saturated"))).toBe(false);
  });

  // At 5,000 rows, where no regression bound runs beside KSG on 1+1 (below, the bound's 6.53 is reported instead:
  // auto-regression.test.ts).
  it("auto on y = x³ + x + 10⁻³ε (MI ≈ 7.9 nats, 5,000 rows) reports KSG's estimate as saturated, with the warning", async () => {
    const e = await autoEstimator.estimate(pairs(5000, 3, (x, rng) => x ** 3 + x + 1e-3 * rng.normal()));
    expect(e.settings.choice).toBe("ksg");
    expect(e.saturated).toBe(true);
    expect(e.estimate).toBeLessThanOrEqual(digammaInt(5000) - digammaInt(3));
    expect(e.warnings.filter((w) => w.startsWith("saturated"))).toHaveLength(1);
  });
});
