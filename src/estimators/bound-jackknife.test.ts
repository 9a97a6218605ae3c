import { describe, expect, it } from "vitest";
import { oracleScores } from "../../test/helpers/oracle-scores.js";
import { tsKernel } from "../linalg/ts-kernel.js";
import type { BoundName } from "../types.js";
import { JACKKNIFE_GROUPS, jackknifeBoundVariance } from "./bound-jackknife.js";

/** InfoNCE in float64 by the definition (van den Oord et al. 2018; docs/bounds.md), on the rows/columns listed: a second implementation. */
function infonceOn(s: Float32Array, k: number, keep: number[]): number {
  let total = 0;
  for (const i of keep) {
    let max = Number.NEGATIVE_INFINITY;
    for (const j of keep) max = Math.max(max, s[i * k + j] as number);
    let sum = 0;
    for (const j of keep) sum += Math.exp((s[i * k + j] as number) - max);
    total += (s[i * k + i] as number) - max - Math.log(sum);
  }
  return total / keep.length + Math.log(keep.length);
}

/** The grouped jackknife by its formula, (G − 1)/G · Σ_g (θ_{−g} − θ̄)², over infonceOn with group g left out. */
function groupedJackknifeOracle(s: Float32Array, k: number): number {
  const values: number[] = [];
  for (let g = 0; g < JACKKNIFE_GROUPS; g++) {
    const from = Math.floor((g * k) / JACKKNIFE_GROUPS);
    const to = Math.floor(((g + 1) * k) / JACKKNIFE_GROUPS);
    const kept = [...Array(k).keys()].filter((i) => i < from || i >= to);
    values.push(infonceOn(s, k, kept));
  }
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return ((values.length - 1) / values.length) * values.reduce((a, v) => a + (v - mean) ** 2, 0);
}

describe("jackknifeBoundVariance", () => {
  it("is the grouped jackknife formula over the leave-a-group-out bounds (second implementation, K = 53)", () => {
    const k = 53;
    const s = oracleScores(1, 2, k, 3);
    const expected = groupedJackknifeOracle(s, k);
    expect(jackknifeBoundVariance(tsKernel, "infonce", s, k, 0)).toBeCloseTo(expected, 10);
  });

  it("equals the definition when one positive lies 1e4 nats below its row's max (the one-pass sums underflow)", () => {
    const k = 40;
    const s = oracleScores(1, 2, k, 5);
    s[0 * k + 30] = 1e4; // row 0 (group 0) has its mass in group 7: leaving group 7 out leaves e^{S_00 − 1e4} = 0
    const expected = groupedJackknifeOracle(s, k);
    const got = jackknifeBoundVariance(tsKernel, "infonce", s, k, 0);
    expect(Number.isFinite(got)).toBe(true);
    expect(got).toBeCloseTo(expected, 6);
  });

  it("matches the spread of the bound over independent batches (true pmi as critic, I = 1 nat, K = 200)", () => {
    // Oracle: the sd of InfoNCE over 200 independent batches; the jackknife sees one batch at a time.
    const k = 200;
    const values: number[] = [];
    let jackVar = 0;
    for (let r = 0; r < 200; r++) {
      const s = oracleScores(1, 2, k, 100 + r);
      values.push(tsKernel.bound("infonce", s, k, k, 0, new Float32Array(k * k)));
      jackVar += jackknifeBoundVariance(tsKernel, "infonce", s, k, 0) / 200;
    }
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const trueVar = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
    // The sd of 200 values is itself uncertain by about ±5%; the jackknife is unbiased to O(1/K) here.
    expect(Math.sqrt(jackVar / trueVar)).toBeGreaterThan(0.85);
    expect(Math.sqrt(jackVar / trueVar)).toBeLessThan(1.15);
  });

  it("works for every bound, and is NaN below 20 rows or for non-finite scores", () => {
    const s = oracleScores(0.5, 1, 40, 7);
    for (const bound of ["infonce", "nwj", "dv", "js", "smile", "alpha"] as Exclude<BoundName, "mine">[]) {
      const v = jackknifeBoundVariance(tsKernel, bound, s, 40, bound === "smile" ? 5 : 0.5);
      expect(v, bound).toBeGreaterThan(0);
      expect(Number.isFinite(v), bound).toBe(true);
    }
    expect(Number.isNaN(jackknifeBoundVariance(tsKernel, "infonce", s.subarray(0, 19 * 19), 19, 0))).toBe(true);
    // A compiled kernel reports non-finite scores as NaN (the TypeScript one throws): the variance is then NaN.
    const nanKernel = { ...tsKernel, bound: () => Number.NaN };
    expect(Number.isNaN(jackknifeBoundVariance(nanKernel, "nwj", s, 40, 0))).toBe(true);
    const bad = s.slice();
    bad[5] = Number.NaN;
    expect(() => jackknifeBoundVariance(tsKernel, "nwj", bad, 40, 0)).toThrow(/S\[0,5\] = NaN/);
  });

  it("is zero when every leave-out value is the same (constant scores: InfoNCE is 0 at every K)", () => {
    expect(jackknifeBoundVariance(tsKernel, "infonce", new Float32Array(30 * 30).fill(1e4), 30, 0)).toBe(0);
  });
});
