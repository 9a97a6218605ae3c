import { describe, expect, it } from "vitest";
import { createRng } from "../math/rng.js";
import type { Estimate, Estimator, PairedSample } from "../types.js";
import { createAutoEstimator } from "./auto.js";
import { AUTO_REGRESSION_MAX_DIM, candidateEstimators, type SampleProfile } from "./auto-choice.js";
import { ESTIMATORS } from "./index.js";

function profile(dx: number, dy: number, z?: number): SampleProfile {
  return {
    n: 2000,
    dx,
    dy,
    kindX: "continuous",
    kindY: "continuous",
    categoricalX: Array(dx).fill(false),
    categoricalY: Array(dy).fill(false),
    ...(z === undefined ? {} : { copulaKurtosisZ: z }),
  };
}

/** y = sin 2x₁ + x₂² + x₃/2 + 0.7 ε beside 7 more independent columns: dependence no Gaussian copula shows. */
function nonlinear(n: number, seed: number): PairedSample {
  const rng = createRng(seed);
  const d = 10;
  const x = Float64Array.from({ length: n * d }, () => rng.normal());
  const y = Float64Array.from({ length: n }, (_, r) => {
    const [a, b, c] = [x[r * d] as number, x[r * d + 1] as number, x[r * d + 2] as number];
    return Math.sin(2 * a) + b * b + c / 2 + 0.7 * rng.normal();
  });
  return { x: { rows: n, cols: d, data: x }, y: { rows: n, cols: 1, data: y } };
}

/** A stand-in InfoNCE that reports `value` with a tight interval (the real one takes seconds). */
function fixedInfonce(value: number): Estimator {
  return {
    name: "infonce",
    kind: "neural",
    description: "stand-in",
    async estimate(s): Promise<Estimate> {
      return {
        estimator: "infonce",
        estimate: value,
        estimateBits: value / Math.LN2,
        stderr: 0.01,
        ci95: [value - 0.02, value + 0.02],
        n: s.x.rows,
        logK: Math.log(256),
        saturated: false,
        warnings: [],
        seconds: 0,
        settings: {},
      };
    },
  };
}

const all = () => true;

describe("auto: the regression bound beside high-dimensional continuous estimates", () => {
  it("runs beside KSG, InfoNCE and the Gaussian copula when one side is a single column (not on 1+1), up to its dimension limit", () => {
    const companion = { estimator: "regression", rule: "larger-bound" };
    expect(candidateEstimators(profile(10, 1), all)[0]).toMatchObject({ estimator: "infonce", companion });
    expect(candidateEstimators(profile(1, 10, 0.5), all)[0]).toMatchObject({ estimator: "gaussian", companion });
    expect(candidateEstimators(profile(5, 5), all)[0]?.companion).toBeUndefined();
    expect(candidateEstimators(profile(5, 1), all)[0]).toMatchObject({ estimator: "ksg", companion });
    expect(candidateEstimators(profile(1, 1), all)[0]).toMatchObject({ estimator: "ksg" });
    expect(candidateEstimators(profile(1, 1), all)[0]?.companion).toBeUndefined();
    expect(candidateEstimators(profile(AUTO_REGRESSION_MAX_DIM + 1, 1), all)[0]?.companion).toBeUndefined();
    expect(candidateEstimators(profile(10, 1), (name) => name !== "regression")[0]?.companion).toBeUndefined();
  });

  it("is reported when larger, saying what it replaced (y = sin 2x₁ + x₂² + x₃/2 + noise: 0.73 against 0.05)", async () => {
    const auto = createAutoEstimator(async () => ({ ...ESTIMATORS, infonce: fixedInfonce(0.05) }));
    const r = await auto.estimate(nonlinear(2000, 3));
    expect(r.settings.choice).toBe("regression");
    expect(r.estimate).toBeGreaterThan(0.65);
    expect(r.settings.reason).toMatch(/regression bound \(0\.7\d\d\) exceeds the (infonce|gaussian) estimate/);
    expect(r.settings.companion).toMatchObject({ used: true, replaced: { estimate: expect.any(Number) } });
  });

  it("is not reported when it is not larger: the chosen estimate stands, the bound is shown beside it", async () => {
    const auto = createAutoEstimator(async () => ({ ...ESTIMATORS, infonce: fixedInfonce(1.5) }));
    const r = await auto.estimate(nonlinear(2000, 3));
    expect(r.settings.choice).not.toBe("regression");
    expect(r.settings.companion).toMatchObject({ estimator: "regression", estimate: expect.any(Number) });
    expect(r.settings.companion).not.toHaveProperty("used");
  });
});
