import { describe, expect, it } from "vitest";
import { oracleScores } from "../../test/helpers/oracle-scores.js";
import { tsKernel } from "../linalg/ts-kernel.js";
import { infonceRisePerDoubling, SATURATION_RISE } from "./infonce-saturation.js";

describe("infonceRisePerDoubling", () => {
  it("is exactly 0 for constant scores and exactly 1 for perfectly separated ones, for even and odd K", () => {
    for (const k of [4, 9, 64]) {
      expect(infonceRisePerDoubling(tsKernel, new Float32Array(k * k).fill(-1e4), k)).toBeCloseTo(0, 10);
      const s = new Float32Array(k * k);
      for (let i = 0; i < k; i++) s[i * k + i] = 1e4;
      // Every row's loss is 0, so I_NCE(K) = log K at every K: the rise is the whole step in log K.
      expect(infonceRisePerDoubling(tsKernel, s, k)).toBeCloseTo(1, 12);
    }
  });

  it("is NaN below K = 4; NaN scores are the kernel's error (the TypeScript kernel names the entry)", () => {
    expect(Number.isNaN(infonceRisePerDoubling(tsKernel, new Float32Array(9), 3))).toBe(true);
    const s = new Float32Array(16);
    s[0] = Number.NaN;
    expect(() => infonceRisePerDoubling(tsKernel, s, 4)).toThrow(/S\[0,0\] = NaN/);
  });

  it("is finite at ±1e4 scores", () => {
    const s = new Float32Array(64 * 64).map((_, p) => (p % 3 === 0 ? 1e4 : -1e4));
    expect(Number.isFinite(infonceRisePerDoubling(tsKernel, s, 64))).toBe(true);
  });

  it("separates I ≪ log K from I > log K with the true pmi as critic (K = 512, d = 5)", () => {
    const rise = (nats: number) => {
      let r = 0;
      for (let seed = 0; seed < 3; seed++)
        r += infonceRisePerDoubling(tsKernel, oracleScores(nats, 5, 512, seed), 512) / 3;
      return r;
    };
    // log 512 = 6.24: at I = 1 (0.16 log K) and 3 (0.48 log K) the bound has converged; at 10 it is saturated.
    expect(rise(1)).toBeLessThan(0.05);
    expect(rise(3)).toBeLessThan(0.2);
    expect(rise(10)).toBeGreaterThan(0.75);
    expect(rise(3)).toBeLessThan(SATURATION_RISE);
    expect(rise(10)).toBeGreaterThan(SATURATION_RISE);
  });
});
