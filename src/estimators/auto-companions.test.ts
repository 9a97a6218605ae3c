import { describe, expect, it } from "vitest";
import { continuousProfile } from "../../test/helpers/continuous-profile.js";
import { fakeEstimate } from "../../test/helpers/fake-estimate.js";
import { standInEstimator } from "../../test/helpers/stand-in-estimator.js";
import { createRng } from "../math/rng.js";
import type { PairedSample } from "../types.js";
import { createAutoEstimator } from "./auto.js";
import { AUTO_NEURAL_MIN_ROWS, candidateEstimators } from "./auto-choice.js";
import { AUTO_NEURAL_BESIDE_COPULA, AUTO_NEURAL_BESIDE_COPULA_ROWS } from "./auto-companions.js";
import { ESTIMATORS } from "./index.js";

const all = (_name: string) => true;

/** A 3+3 Gaussian sample, pairs correlated 0.8 (MI 1.533): Mardia's test lets it through to the Gaussian copula. */
function gaussian3x3(n: number, seed: number): PairedSample {
  const rng = createRng(seed);
  const x = new Float64Array(n * 3);
  const y = new Float64Array(n * 3);
  for (let i = 0; i < n * 3; i++) {
    x[i] = rng.normal();
    y[i] = 0.8 * (x[i] as number) + 0.6 * rng.normal();
  }
  return { x: { rows: n, cols: 3, data: x }, y: { rows: n, cols: 3, data: y } };
}

/** InfoNCE's stand-in: `value` with the 95% interval value ± `half` (none when `half` is NaN, as on one batch). */
function infonceAt(value: number, half: number) {
  return standInEstimator("infonce", (_o, s) =>
    fakeEstimate("infonce", value, [value - half, value + half], { n: s.x.rows, logK: Math.log(256) }),
  );
}

describe("auto: InfoNCE beside the Gaussian-copula estimate", () => {
  it("runs when no regression bound does, from AUTO_NEURAL_MIN_ROWS to AUTO_NEURAL_BESIDE_COPULA_ROWS rows, by the clearly-larger rule", () => {
    const beside = (n: number, dx: number, dy: number) =>
      candidateEstimators(continuousProfile(n, dx, dy, 0.5), all)[0]?.companions ?? [];
    expect(candidateEstimators(continuousProfile(1000, 5, 5, 0.5), all)[0]?.estimator).toBe("gaussian");
    expect(beside(1000, 5, 5)).toEqual([
      expect.objectContaining({ estimator: "infonce", rule: "clearly-larger-bound" }),
    ]);
    expect(AUTO_NEURAL_BESIDE_COPULA).toBe("clearly-larger-bound");
    expect(beside(AUTO_NEURAL_MIN_ROWS, 4, 4).map((c) => c.estimator)).toEqual(["infonce"]);
    expect(beside(AUTO_NEURAL_MIN_ROWS - 1, 4, 4)).toEqual([]);
    expect(beside(AUTO_NEURAL_BESIDE_COPULA_ROWS - 1, 4, 4).map((c) => c.estimator)).toEqual(["infonce"]);
    expect(beside(AUTO_NEURAL_BESIDE_COPULA_ROWS, 4, 4)).toEqual([]);
    // A one-column side: the regression bound checks the estimate instead.
    expect(beside(1000, 10, 1).map((c) => c.estimator)).toEqual(["regression"]);
    expect(candidateEstimators(continuousProfile(1000, 5, 5, 0.5), (n) => n !== "infonce")[0]?.companions).toBe(
      undefined,
    );
  });

  it("reports the bound when its whole interval lies above the Gaussian-copula estimate, and says why", async () => {
    const auto = createAutoEstimator(async () => ({ ...ESTIMATORS, infonce: infonceAt(2.4, 0.2) }));
    const r = await auto.estimate(gaussian3x3(1500, 1));
    expect(r.settings.choice).toBe("infonce");
    expect(r.estimate).toBe(2.4);
    expect(r.settings.reason).toMatch(/bound's whole 95% interval \(from 2\.200\) lies above the gaussian estimate/);
    const used = r.settings.companions?.find((c) => c.used === true) as { replaced?: { estimator?: string } };
    expect(used.replaced?.estimator).toBe("gaussian");
  });

  it("keeps the Gaussian-copula estimate when the bound is larger but its interval reaches below it", async () => {
    const plain = await createAutoEstimator(async () => ({ ...ESTIMATORS, infonce: infonceAt(0, 0.01) })).estimate(
      gaussian3x3(1500, 1),
    );
    expect(plain.settings.choice).toBe("gaussian");
    const auto = createAutoEstimator(async () => ({
      ...ESTIMATORS,
      infonce: infonceAt(plain.estimate + 0.05, 0.1),
    }));
    const r = await auto.estimate(gaussian3x3(1500, 1));
    expect(r.settings.choice).toBe("gaussian");
    expect(r.estimate).toBe(plain.estimate);
    expect(r.settings.companions).toEqual([
      expect.objectContaining({ estimator: "infonce", estimate: plain.estimate + 0.05 }),
    ]);
    expect(r.settings.companions?.[0]).not.toHaveProperty("used");
  });
});

describe("auto: a companion with no interval", () => {
  it("does not replace an estimate that has one; with an interval the same bound is reported", async () => {
    // 3+3 on 500 rows: KSG, which reads ≥ AUTO_NEURAL_BESIDE_KSG nats here, with InfoNCE beside by "larger-bound".
    const s = gaussian3x3(500, 2);
    const run = (half: number) =>
      createAutoEstimator(async () => ({ ...ESTIMATORS, infonce: infonceAt(2.4, half) })).estimate(s);
    const without = await run(Number.NaN);
    expect(without.settings.choice).toBe("ksg");
    expect(without.estimate).toBeLessThan(2.4);
    expect(without.settings.companions).toEqual([expect.objectContaining({ estimator: "infonce", estimate: 2.4 })]);
    const withInterval = await run(0.3);
    expect(withInterval.settings.choice).toBe("infonce");
    expect(withInterval.estimate).toBe(2.4);
  });
});
