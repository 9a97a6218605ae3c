import { describe, expect, it } from "vitest";
import { tsKernel } from "../linalg/ts-kernel.js";
import { createRng } from "../math/rng.js";
import type { PairedSample } from "../types.js";
import { classifierEstimator } from "./classifier.js";
import { regressionEstimator } from "./regression.js";

const GROUPS = 100;
const n = 2 * GROUPS;

/**
 * A group column (string labels, 100 groups of 2 rows: senators of a state, visits of a patient) and a value fixed
 * by the group: a binary label (balanced), or a normal number. Y is a function of X, so I(X;Y) = H(Y): log 2 for
 * the label. No level has the 5 rows the default indicators ask for (one-hot.ts).
 */
function grouped(kind: "label" | "number", seed: number): PairedSample {
  const rng = createRng(seed, 5);
  const value = Array.from({ length: GROUPS }, (_, g) => (kind === "label" ? g % 2 : rng.normal()));
  const x = Float64Array.from({ length: n }, (_, i) => Math.floor(i / 2));
  const y = x.map((g) => value[g] as number);
  const labels = Array.from({ length: GROUPS }, (_, g) => `group ${g}`);
  return {
    x: { rows: n, cols: 1, data: x },
    y: { rows: n, cols: 1, data: y },
    categories: { x: [labels], y: kind === "label" ? [["a", "b"]] : [undefined] },
  };
}

describe("indicators of rare levels: a value shared within groups of two rows is read off the group's other row", () => {
  it("classifier: a binary label fixed by the group reads most of log 2 (0 with the default indicators alone)", async () => {
    const r = await classifierEstimator.estimate(grouped("label", 1), { kernel: tsKernel, seed: 0, labels: "y" });
    // With 5 folds a held-out row's partner trains in ~4 of 5 cases; the rows whose partner is held out with them
    // read about the marginal's log 2 − log 2 = 0, so the bound is about 0.8 log 2 less the cost of the L2 shrinkage.
    expect(r.estimate).toBeGreaterThan(0.4);
    expect(r.estimate).toBeLessThanOrEqual(Math.log(2) + 1e-9);
  });
  it("regression: a normal value fixed by the group reads well above 0", async () => {
    const r = await regressionEstimator.estimate(grouped("number", 2), { seed: 0 });
    expect(r.ci95[0]).toBeGreaterThan(0.2);
  });
});
