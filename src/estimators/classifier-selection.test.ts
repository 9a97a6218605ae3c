import { describe, expect, it } from "vitest";
import { tsKernel } from "../linalg/ts-kernel.js";
import { createRng } from "../math/rng.js";
import { inLadderOrder, oneStandardError, type ScoredFit } from "./classifier-selection.js";
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

  it("trees that beat the logistic fit by cross-validation come right after the marginal, ahead of the MLPs", () => {
    const base = rowsOf(new Float64Array(M), -0.3, 0.5, 4);
    const marginal = scored(Number.POSITIVE_INFINITY, rowsOf(base, -0.2, 0.05, 5));
    const mlpFit = scored(0.01, rowsOf(base, 0, 0.2, 6));
    // The trees beat the MLP by half a paired standard error on the validation rows: ahead of it they are kept,
    // behind it (the order the fits were made in) the MLP was.
    const noise = rowsOf(new Float64Array(M), 0, 0.2, 8);
    const mean = noise.reduce((a, b) => a + b, 0) / M;
    const se = pairedStderr(noise, new Float64Array(M));
    const trees = scored(
      0.02,
      mlpFit.logLik.map((v, i) => v + (noise[i] as number) - mean + 0.5 * se),
    );
    const made = [marginal, mlpFit, trees];
    expect(inLadderOrder(made, trees)).toEqual([marginal, trees, mlpFit]);
    expect(oneStandardError(inLadderOrder(made, trees))).toBe(trees.fit);
    expect(oneStandardError(made)).toBe(mlpFit.fit);
    // Otherwise the logistic fit takes that place and the trees stay last.
    const logistic = scored(0.1, rowsOf(base, -0.1, 0.1, 7));
    expect(inLadderOrder(made, logistic)).toEqual([marginal, logistic, mlpFit, trees]);
    expect(inLadderOrder(made, null)).toEqual(made);
  });
});
