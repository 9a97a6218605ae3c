import { describe, expect, it } from "vitest";
import { classifierBound } from "./classifier-bound.js";
import { DEFENSIVE_WEIGHT } from "./defensive-mixture.js";

/**
 * The bound from held-out scores: each term is the chosen model mixed with the marginal, so one row the model put
 * near probability 0 on costs at most log(1/ε). The oracle is the mixture written out per row.
 */
describe("classifierBound: the held-out terms of the defensive mixture", () => {
  // 40 rows of two balanced classes; the model gives each row's class 0.99, one row's 1e-20 (a confident mistake).
  const n = 40;
  const codes = Int32Array.from({ length: n }, (_, i) => i % 2);
  const logLik = Float64Array.from({ length: n }, (_, i) => (i === 7 ? -20 * Math.LN10 : Math.log(0.99)));
  const scores = {
    logLik,
    logMarginal: new Float64Array(n).fill(Math.log(0.5)),
    fitted: new Uint8Array(n).fill(1),
    logLikRunnerUp: new Float64Array(n),
  };
  const rows = Array.from({ length: n }, (_, i) => i);
  it("caps a confident mistake at log(1/ε) and charges the other rows at most ε", () => {
    const eps = DEFENSIVE_WEIGHT;
    const mixed = (q: number) => Math.log(((1 - eps) * q + eps * 0.5) / 0.5);
    // The plug-in entropy is log 2, the capped Miller–Madow term min(1/80, log 2 − log 2) = 0.
    const expected = (mixed(1e-20) + (n - 1) * mixed(0.99)) / n;
    const b = classifierBound(scores, rows, codes, 2);
    expect(b.value).toBeCloseTo(expected, 12);
    // Unmixed, the mistake alone cost (log 1e-20 − log 0.5)/40 = −1.13 of the mean.
    expect(b.value).toBeGreaterThan(0.4);
    expect(b.crossEntropy).toBeCloseTo(-(logLik.reduce((a, v) => a + v, 0) / n), 12);
  });
  it("reads exactly 0 where every fold chose the marginal model", () => {
    const marginal = { ...scores, logLik: scores.logMarginal, fitted: new Uint8Array(n) };
    expect(classifierBound(marginal, rows, codes, 2).value).toBe(0);
  });
});
