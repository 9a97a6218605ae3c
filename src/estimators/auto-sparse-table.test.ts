import { describe, expect, it } from "vitest";
import { createRng } from "../math/rng.js";
import type { PairedSample } from "../types.js";
import { autoEstimator } from "./auto.js";
import { candidateEstimators } from "./auto-choice.js";
import { profileSample } from "./auto-profile.js";

const all = () => true;

/**
 * A sparse table: a 20-level column whose parity is a binary label 90% of the time, beside an unrelated 3-level
 * column, n rows (MI log 2 − H(0.1) = 0.368). Its 60 distinct x rows against 2 labels are more cells than n/5.
 */
function parityTable(n: number, seed: number): PairedSample {
  const rng = createRng(seed);
  const x = new Float64Array(n * 2);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = Math.floor(rng.uniform() * 20);
    x[2 * i] = a;
    x[2 * i + 1] = Math.floor(rng.uniform() * 3);
    y[i] = rng.uniform() < 0.9 ? a % 2 : 1 - (a % 2);
  }
  const levels = (k: number) => Array.from({ length: k }, (_, l) => `L${l}`);
  return {
    x: { rows: n, cols: 2, data: x },
    y: { rows: n, cols: 1, data: y },
    categories: { x: [levels(20), levels(3)], y: [levels(2)] },
  };
}

describe("auto on a sparse categorical table", () => {
  it("runs the classifier bound beside the plug-in, and reports it where the shrunk table reads lower", async () => {
    const s = parityTable(120, 1);
    const [first] = candidateEstimators(profileSample(s), all);
    expect(first?.estimator).toBe("discrete");
    expect(first?.companions).toEqual([expect.objectContaining({ estimator: "classifier", rule: "larger-bound" })]);
    const r = await autoEstimator.estimate(s, {});
    const companion = (r.settings.companions as { estimator: string; estimate: number; used?: boolean }[])[0];
    expect(companion).toMatchObject({ estimator: "classifier", used: true });
    expect(r.estimate).toBe(companion?.estimate);
    expect(r.estimate).toBeGreaterThan(0.1);
    expect(r.estimate).toBeLessThan(Math.log(2));
  });

  it("leaves a dense table to the plug-in alone", () => {
    const s = parityTable(2000, 2);
    expect(candidateEstimators(profileSample(s), all)[0]?.companions).toBe(undefined);
  });
});
