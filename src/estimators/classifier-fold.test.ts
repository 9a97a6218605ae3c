import { describe, expect, it } from "vitest";
import { tsKernel } from "../linalg/ts-kernel.js";
import { createRng } from "../math/rng.js";
import { Mlp } from "../nn/mlp.js";
import { ParameterBuffer } from "../nn/parameter-buffer.js";
import { bestAlongPath } from "./classifier-exact-logistic.js";
import { penaltyIdle } from "./classifier-fold.js";
import type { ScoredFit } from "./classifier-selection.js";
import type { ClassifierCapacity } from "./softmax-classifier.js";

const dim = 13;
const classes = 5;
/** An MLP of `capacity` as a scored fit (only its capacity matters to penaltyIdle). */
function fitted(capacity: ClassifierCapacity, validationCrossEntropy = 1): ScoredFit {
  const spec = { inDim: dim, hidden: capacity.hidden, outDim: classes, activation: "relu" as const };
  const mlp = new Mlp(spec, new ParameterBuffer(Mlp.parameterCount(spec)), createRng(0), tsKernel);
  return {
    fit: { capacity, mlp, validationCrossEntropy, epochs: 1, bestEpoch: 1, absent: null },
    logLik: new Float64Array(1),
  };
}

describe("penaltyIdle: the stronger-L2 MLP rung is skipped only with many rows per weight beside a weaker one", () => {
  // 13·64 + 64 + 64·5 + 5 = 1,221 weights.
  const weak = fitted({ hidden: [64], l2: 1e-4 });
  const strong = { hidden: [64], l2: 1e-2 };
  it("skips at ≥ 10 rows per weight, fits below", () => {
    expect(penaltyIdle(strong, [weak], 12_210, dim, classes)).toBe(true);
    expect(penaltyIdle(strong, [weak], 12_209, dim, classes)).toBe(false);
  });
  it("fits when no weaker-penalised MLP of the same shape was fitted", () => {
    expect(penaltyIdle(strong, [], 100_000, dim, classes)).toBe(false);
    expect(penaltyIdle(strong, [fitted({ hidden: [32], l2: 1e-4 })], 100_000, dim, classes)).toBe(false);
    expect(penaltyIdle({ hidden: [64], l2: 1e-4 }, [fitted(strong)], 100_000, dim, classes)).toBe(false);
  });
});

describe("bestAlongPath: the logistic L2 path on the validation rows", () => {
  const rungs: ClassifierCapacity[] = [1, 0.3, 0.1, 0.03, 0.01, 3e-3, 1e-3].map((l2) => ({ hidden: [], l2 }));
  const walk = (curve: readonly number[]) => {
    const visited: number[] = [];
    const best = bestAlongPath(rungs, (c) => {
      visited.push(c.l2);
      return fitted(c, curve[rungs.indexOf(c)] as number);
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
