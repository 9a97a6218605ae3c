import { describe, expect, it } from "vitest";
import { oracleScores } from "../../test/helpers/oracle-scores.js";
import { tsKernel } from "../linalg/ts-kernel.js";
import { JACKKNIFE_GROUPS } from "./bound-jackknife.js";
import { leavePositiveOut } from "./ceiling-free-readout.js";

/** The read-out on the rows and columns `keep` of s, written out plainly (the oracle). */
function plain(s: Float32Array, k: number, keep: number[]): number {
  let total = 0;
  for (const i of keep) {
    let sum = 0;
    for (const j of keep) if (j !== i) sum += Math.exp((s[i * k + j] as number) - (s[i * k + i] as number));
    total += -Math.log(sum / (keep.length - 1));
  }
  return total / keep.length;
}

describe("leave-positive-out read-out of an InfoNCE critic", () => {
  it("equals the plain formula, and each leave-a-group-out value the formula on the kept pairs", () => {
    for (const k of [20, 37]) {
      const s = oracleScores(1.5, 3, k, k);
      const r = leavePositiveOut(s, k);
      const all = Array.from({ length: k }, (_, i) => i);
      expect(r.value).toBeCloseTo(plain(s, k, all), 10);
      for (let g = 0; g < JACKKNIFE_GROUPS; g++) {
        const from = Math.floor((g * k) / JACKKNIFE_GROUPS);
        const to = Math.floor(((g + 1) * k) / JACKKNIFE_GROUPS);
        expect(r.leaveOut?.[g]).toBeCloseTo(
          plain(
            s,
            k,
            all.filter((i) => i < from || i >= to),
          ),
          10,
        );
      }
    }
  });

  it("is not capped by log K: with the true pmi at I = 10 > log K it exceeds log K while InfoNCE stays below", () => {
    const k = 512;
    let readout = 0;
    let nce = 0;
    for (let seed = 0; seed < 3; seed++) {
      const s = oracleScores(10, 5, k, seed);
      readout += leavePositiveOut(s, k).value / 3;
      nce += tsKernel.bound("infonce", s, k, k, 0, new Float32Array(k * k)) / 3;
    }
    expect(nce).toBeLessThan(Math.log(k));
    expect(readout).toBeGreaterThan(Math.log(k) + 1);
  });

  it("is close to I when I ≪ log K, and above InfoNCE (the pair brackets I)", () => {
    const k = 1024;
    const s = oracleScores(0.5, 5, k, 1);
    const r = leavePositiveOut(s, k).value;
    const nce = tsKernel.bound("infonce", s, k, k, 0, new Float32Array(k * k));
    expect(r).toBeGreaterThan(nce);
    expect(Math.abs(r - 0.5)).toBeLessThan(0.1);
  });

  it("extremes: K = 1 is NaN, K = 2 has a value but no jackknife, ±1e4 scores stay finite", () => {
    expect(Number.isNaN(leavePositiveOut(new Float32Array([3]), 1).value)).toBe(true);
    const two = leavePositiveOut(new Float32Array([2, 0, 1, 5]), 2);
    expect(two.value).toBeCloseTo((2 - 0 + (5 - 1)) / 2, 12);
    expect(two.leaveOut).toBeNull();
    const k = 40;
    const s = new Float32Array(k * k).map((_, p) => (p % (k + 1) === 0 ? 1e4 : p % 3 === 0 ? -1e4 : 1e4 - 1));
    const r = leavePositiveOut(s, k);
    expect(Number.isFinite(r.value)).toBe(true);
    expect(r.leaveOut?.every(Number.isFinite)).toBe(true);
  });
});
