import { describe, expect, it } from "vitest";
import { tsKernel } from "../linalg/ts-kernel.js";
import { createRng } from "../math/rng.js";
import { oneStandardError, type ScoredFit } from "./classifier-selection.js";
import { pairedStderr } from "./held-out-spread.js";
import { marginalMlp } from "./logistic-exact.js";

const M = 160;
const mlp = marginalMlp({ x: new Float32Array(3), labels: Int32Array.of(0, 1, 2), rows: 3 }, 1, 3, tsKernel);

/** A scored fit with these per-row validation log-likelihoods (only they and the capacity matter to the rule). */
function scored(l2: number, logLik: Float64Array): ScoredFit {
  let ce = 0;
  for (const v of logLik) ce -= v;
  const fit = {
    capacity: { hidden: [], l2 },
    mlp,
    validationCrossEntropy: ce / logLik.length,
    epochs: 0,
    bestEpoch: 0,
    absent: null,
  };
  return { fit, logLik };
}

/** Per-row values base_i + shift + sd·N(0, 1), seeded. */
function rowsOf(base: Float64Array, shift: number, sd: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return base.map((b) => b + shift + sd * rng.normal());
}

describe("choosing the classifier's capacity on the validation rows", () => {
  it("pairedStderr is the standard error of the mean difference (checked by hand on 4 rows)", () => {
    // Differences 1, 2, 3, 6: mean 3, sample variance 14/3, SE √(14/3/4).
    expect(pairedStderr(Float64Array.of(1, 2, 3, 6), new Float64Array(4))).toBeCloseTo(Math.sqrt(14 / 12), 12);
  });

  it("keeps the marginal of a balanced label unless a model beats it by one paired standard error", () => {
    // −log p̂(y) = log 3 on every row: the marginal's own standard error is 0.
    const marginal = new Float64Array(M).fill(-Math.log(3));
    const noise = rowsOf(marginal, 0, 0.1, 1);
    const gain = (noise.reduce((a, b) => a + b, 0) - marginal.reduce((a, b) => a + b, 0)) / M;
    const se = pairedStderr(noise, marginal);
    // Shift the model so it beats the marginal by 0.8 paired SEs: not enough; by 1.2: enough.
    const weak = scored(
      1,
      noise.map((v) => v - gain + 0.8 * se),
    );
    const strong = scored(
      1,
      noise.map((v) => v - gain + 1.2 * se),
    );
    const marginalFit = scored(Number.POSITIVE_INFINITY, marginal);
    expect(oneStandardError([marginalFit, weak])).toBe(marginalFit.fit);
    expect(oneStandardError([scored(Number.POSITIVE_INFINITY, marginal), strong])).toBe(strong.fit);
  });

  it("between fitted models, uses the standard error of their difference, not of one model's cross-entropy", () => {
    // Two models whose per-row log-likelihoods move together (spread 0.5 across rows) and differ by 0.02 ± 0.005
    // per row: the larger one is better by many paired SEs, though by far less than one SE of its own level.
    const base = rowsOf(new Float64Array(M), -0.7, 0.5, 2);
    const simple = scored(1, base);
    const larger = scored(0.01, rowsOf(base, 0.02, 0.005, 3));
    expect(oneStandardError([simple, larger])).toBe(larger.fit);
  });
});
