import { describe, expect, it } from "vitest";
import { scoredFitOf } from "../../test/helpers/scored-fit.js";
import { penaltyIdle } from "./classifier-fold.js";
import type { ClassifierCapacity } from "./softmax-classifier.js";

const dim = 13;
const classes = 5;
/** An MLP of `capacity` as a scored fit (only its capacity matters to penaltyIdle). */
const fitted = (capacity: ClassifierCapacity) => scoredFitOf(capacity, { dim, classes });

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
