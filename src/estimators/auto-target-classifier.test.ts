import { describe, expect, it } from "vitest";
import { continuousProfile } from "../../test/helpers/continuous-profile.js";
import { fakeEstimate } from "../../test/helpers/fake-estimate.js";
import { standInEstimator } from "../../test/helpers/stand-in-estimator.js";
import { createRng } from "../math/rng.js";
import type { PairedSample } from "../types.js";
import { createAutoEstimator } from "./auto.js";
import { candidateEstimators } from "./auto-choice.js";
import { profileSample } from "./auto-profile.js";
import { MIN_OTHER_ROWS } from "./hurdle.js";
import { ESTIMATORS } from "./index.js";

const all = () => true;

/**
 * y a number set by a 24-level category (24 distinct values, too many to be detected as categorical), beside a noise
 * column, n rows: I(X;Y) = H(Y) ≈ log 24 = 3.18.
 */
function valueOfGroup(n: number, seed: number): PairedSample {
  const rng = createRng(seed);
  const value = Array.from({ length: 24 }, (_, l) => 7 * ((l * 11) % 24) - 40);
  const x = new Float64Array(n * 2);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const g = i % 24;
    x[2 * i] = g;
    x[2 * i + 1] = rng.normal();
    y[i] = value[g] as number;
  }
  const levels = Array.from({ length: 24 }, (_, l) => `g${l}`);
  return { x: { rows: n, cols: 2, data: x }, y: { rows: n, cols: 1, data: y }, categories: { x: [levels, []], y: [] } };
}

describe("auto: the classifier beside the regression bound on a target of few values", () => {
  it("runs where every value repeats (at most n/5 values), not on a target of distinct values", () => {
    const companions = (p: ReturnType<typeof continuousProfile>) =>
      (candidateEstimators(p, all)[0]?.companions ?? []).filter((c) => c.estimator === "classifier");
    expect(companions({ ...continuousProfile(300, 5, 1), valuesY: 28 })).toEqual([
      expect.objectContaining({ settings: { labels: "y" }, rule: "larger-bound" }),
    ]);
    expect(companions({ ...continuousProfile(300, 5, 1), valuesY: 61 })).toEqual([]);
    expect(companions({ ...continuousProfile(300, 1, 5), valuesX: 30 })).toEqual([
      expect.objectContaining({ settings: { labels: "x" } }),
    ]);
  });

  it("runs within the label classifier's budget: 5.2e6 multiply-adds a pass, not 2e8", () => {
    const companions = (p: ReturnType<typeof continuousProfile>) =>
      (candidateEstimators(p, all)[0]?.companions ?? []).filter((c) => c.estimator === "classifier");
    // classifierWork: rows × values × (features + 16).
    expect(companions({ ...continuousProfile(2_000, 10, 1), valuesY: 100 })).toHaveLength(1);
    expect(companions({ ...continuousProfile(20_000, 10, 1), valuesY: 400 })).toEqual([]);
  });

  it("reports the classifier's bound where the features set the value (the regression's tie noise caps it)", async () => {
    const s = valueOfGroup(240, 3);
    expect(profileSample(s)).toMatchObject({ kindY: "continuous", valuesY: 24 });
    // InfoNCE, which runs beside Gao's estimate here, stands in at 0: its seconds of training are not what is tested.
    const auto = createAutoEstimator(async () => ({
      ...ESTIMATORS,
      infonce: standInEstimator("infonce", () => fakeEstimate("infonce", 0, [-0.1, 0.1])),
    }));
    const r = await auto.estimate(s, {});
    const companions = r.settings.companions as { estimator: string; estimate: number; used?: boolean }[];
    const regression = companions.find((c) => c.estimator === "regression");
    const classifier = companions.find((c) => c.estimator === "classifier");
    expect(classifier?.used).toBe(true);
    expect(r.estimate).toBe(classifier?.estimate);
    expect(r.estimate).toBeGreaterThan((regression?.estimate ?? 0) + 0.5);
    expect(Math.abs(r.estimate - Math.log(24))).toBeLessThan(0.1);
  });

  it("runs the hurdle bound beside the regression where the target's most frequent value holds ≥ 10% of the rows", () => {
    const hurdle = (share: number, n = 400) =>
      (candidateEstimators({ ...continuousProfile(n, 5, 1), atomShareY: share }, all)[0]?.companions ?? []).filter(
        (c) => c.estimator === "hurdle",
      );
    expect(hurdle(0.225)).toEqual([expect.objectContaining({ settings: { target: "y" }, rule: "larger-bound" })]);
    expect(hurdle(0.05)).toEqual([]);
    // One row off the atom fewer than the regression needs (hurdle.ts's MIN_OTHER_ROWS), and exactly as many.
    expect(hurdle(1 - (MIN_OTHER_ROWS - 1) / 300, 300)).toEqual([]);
    expect(hurdle(1 - MIN_OTHER_ROWS / 300, 300)).toHaveLength(1);
  });
});
