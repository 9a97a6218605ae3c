import { describe, expect, it } from "vitest";
import { scoredFitOf } from "../../test/helpers/scored-fit.js";
import { bestAlongPath } from "./classifier-exact-logistic.js";
import type { ClassifierCapacity } from "./softmax-classifier.js";

describe("bestAlongPath: the logistic L2 path on the validation rows", () => {
  const rungs: ClassifierCapacity[] = [1, 0.3, 0.1, 0.03, 0.01, 3e-3, 1e-3].map((l2) => ({ hidden: [], l2 }));
  const walk = (curve: readonly number[]) => {
    const visited: number[] = [];
    const best = bestAlongPath(rungs, (c) => {
      visited.push(c.l2);
      return scoredFitOf(c, { dim: 3, classes: 2 }, curve[rungs.indexOf(c)] as number);
    });
    return { best: best?.fit.capacity, fitted: visited };
  };
  it("stops two strengths past the lowest validation cross-entropy, keeping the lowest", () => {
    const r = walk([0.9, 0.7, 0.5, 0.55, 0.6, 0.4, 0.3]);
    expect(r.fitted).toEqual([1, 0.3, 0.1, 0.03, 0.01]);
    expect(r.best).toEqual({ hidden: [], l2: 0.1 });
  });
  it("walks the whole path while the cross-entropy falls or recovers within two strengths", () => {
    const r = walk([0.9, 0.7, 0.75, 0.6, 0.5, 0.45, 0.44]);
    expect(r.fitted).toEqual(rungs.map((c) => c.l2));
    expect(r.best).toEqual({ hidden: [], l2: 1e-3 });
  });
});
