import { describe, expect, it } from "vitest";
import { continuousProfile } from "../../test/helpers/continuous-profile.js";
import { fakeEstimate } from "../../test/helpers/fake-estimate.js";
import { standInEstimator } from "../../test/helpers/stand-in-estimator.js";
import { createRng } from "../math/rng.js";
import type { PairedSample } from "../types.js";
import { createAutoEstimator } from "./auto.js";
import { AUTO_NEURAL_MIN_ROWS, candidateEstimators } from "./auto-choice.js";
import { AUTO_NEURAL_BESIDE_KSG } from "./auto-companions.js";
import { AUTO_POINT_MASS, largestPointMass } from "./auto-point-mass.js";
import { profileSample } from "./auto-profile.js";
import { ESTIMATORS } from "./index.js";

const all = (_name: string) => true;

/** 3 normal columns against y = max(0, x₁ + x₂ + ε/2 − c), c putting `zeros` of the rows at 0 (a Tobit target). */
function tobit(n: number, zeros: number, seed: number): PairedSample {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: n * 3 }, () => rng.normal());
  const s = Float64Array.from(
    { length: n },
    (_, r) => (x[r * 3] as number) + (x[r * 3 + 1] as number) + 0.5 * rng.normal(),
  );
  const c = Float64Array.from(s).sort()[Math.floor(zeros * n)] as number;
  const y = s.map((v) => Math.max(0, v - c));
  return { x: { rows: n, cols: 3, data: x }, y: { rows: n, cols: 1, data: y } };
}

describe("largestPointMass", () => {
  it("is the largest share of the rows one value of a column takes, skipping the flagged columns", () => {
    // Column 0: 3 of 10 rows at 0; column 1: 6 of 10 at 7, flagged; column 2: all distinct.
    const rows = [0, 0, 0, 1, 2, 3, 4, 5, 6, 7].map((v, r) => [v, r < 6 ? 7 : r + 10, r + 0.5]);
    const m = { rows: 10, cols: 3, data: Float64Array.from(rows.flat()) };
    expect(largestPointMass(m, [false, true, false])).toBeCloseTo(0.3, 12);
    expect(largestPointMass(m, [false, false, false])).toBeCloseTo(0.6, 12);
    expect(largestPointMass(m, [true, true, false])).toBeCloseTo(0.1, 12);
    expect(largestPointMass(m, [true, true, true])).toBe(0);
  });
});

describe("auto: a point mass in a continuous column", () => {
  it("is profiled on continuous data, and sends it past the Gaussian-copula estimate with InfoNCE beside KSG", () => {
    const p = profileSample(tobit(1000, 0.6, 1));
    expect(p.pointMass).toBeGreaterThan(0.59);
    expect(p.pointMass).toBeLessThan(0.61);
    // Mardia's test passed (z = 1): without the point mass the Gaussian-copula estimate is the choice.
    const plain = candidateEstimators(continuousProfile(1000, 3, 1, 1), all)[0];
    expect(plain?.estimator).toBe("gaussian");
    const massed = candidateEstimators({ ...continuousProfile(1000, 3, 1, 1), pointMass: 0.6 }, all);
    expect(massed.filter((c) => c.estimator === "gaussian").map((c) => c.settings)).toEqual([
      { copula: true, ridge: 1e-6 },
    ]);
    expect(massed[0]?.estimator).toBe("ksg");
    expect(massed[0]?.reason).toMatch(/not a Gaussian copula: 60% of the rows share one value of a column/);
    const infonce = massed[0]?.companions?.find((c) => c.estimator === "infonce");
    expect(infonce).toMatchObject({ rule: "larger-bound" });
    expect(infonce?.minEstimate).toBeUndefined();
    // Nor on fewer than AUTO_NEURAL_MIN_ROWS rows, where 10% is a few equal values and InfoNCE does not run.
    const few = { ...continuousProfile(AUTO_NEURAL_MIN_ROWS - 1, 7, 1, 1), pointMass: 0.6 };
    expect(candidateEstimators(few, all)[0]?.estimator).toBe("gaussian");
    expect(candidateEstimators({ ...few, n: AUTO_NEURAL_MIN_ROWS }, all)[0]?.estimator).toBe("infonce");
    // Below AUTO_POINT_MASS nothing changes: InfoNCE beside KSG only from AUTO_NEURAL_BESIDE_KSG nats.
    const light = candidateEstimators({ ...continuousProfile(1000, 3, 1, 1), pointMass: AUTO_POINT_MASS / 2 }, all);
    expect(light[0]?.estimator).toBe("gaussian");
    const ksg = candidateEstimators({ ...continuousProfile(500, 3, 1), pointMass: AUTO_POINT_MASS / 2 }, all)[0];
    expect(ksg?.companions?.find((c) => c.estimator === "infonce")?.minEstimate).toBe(AUTO_NEURAL_BESIDE_KSG);
  });

  it("reports InfoNCE's bound beside KSG where it reads more, whatever KSG reads", async () => {
    const auto = createAutoEstimator(async () => ({
      ...ESTIMATORS,
      infonce: standInEstimator("infonce", () => fakeEstimate("infonce", 0.9, [0.8, 1.0], { logK: Math.log(256) })),
    }));
    const r = await auto.estimate(tobit(1000, 0.6, 2));
    expect(r.settings.choice).toBe("infonce");
    const used = r.settings.companions?.find((c) => c.used === true) as {
      replaced?: { estimator: string; estimate: number };
    };
    expect(used.replaced?.estimator).toBe("ksg");
    expect(used.replaced?.estimate).toBeLessThan(AUTO_NEURAL_BESIDE_KSG);
  });
});
