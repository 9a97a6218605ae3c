import { describe, expect, it } from "vitest";
import { expectClose } from "../../test/helpers/expect-close.js";
import type { ScoreMatrix } from "../types.js";
import { alphaBound } from "./alpha.js";
import { dvBound } from "./dv.js";
import { infonceBound } from "./infonce.js";
import { jsBound } from "./js.js";
import { mineBound } from "./mine.js";
import { nwjBound } from "./nwj.js";
import { smileBound } from "./smile.js";
import { symmetricInfonceBound } from "./symmetric-infonce.js";

function mat(rows: number, cols: number, data: ArrayLike<number>): ScoreMatrix {
  return { rows, cols, data: Float64Array.from(data) };
}

/** K×M with `diag` on the positives and `off` elsewhere. */
function twoLevel(K: number, M: number, diag: number, off: number): ScoreMatrix {
  const s = new Float64Array(K * M).fill(off);
  for (let i = 0; i < K; i++) s[i * M + i] = diag;
  return mat(K, M, s);
}

function allFinite(a: Float64Array): boolean {
  return a.every((v) => Number.isFinite(v));
}

// Quantities formed by subtracting two logs of size 1e4 carry that size's rounding: one ulp of 1e4 is 1.8e-12,
// so "exact" there means within a few ulps of 1e4 (ULP4 below); everything else is compared bit for bit.
const ULP4 = 4 * 1.8189894035458565e-12;

describe("logits of ±1e4: finite and exact where the bound is representable", () => {
  for (const [K, M] of [
    [2, 2],
    [5, 5],
    [3, 8],
  ] as const) {
    it(`${K}×${M}, positives +1e4 and negatives −1e4 (a perfect critic)`, () => {
      const S = twoLevel(K, M, 1e4, -1e4);
      const n = M - 1;
      const nce = infonceBound(S);
      expect(nce.value).toBe(Math.log(M));
      expect(allFinite(nce.grad)).toBe(true);
      if (K === M) expect(symmetricInfonceBound(S).value).toBe(Math.log(M));
      const dv = dvBound(S);
      expect(dv.value).toBe(2e4);
      expect(allFinite(dv.grad)).toBe(true);
      expectClose(dv.grad[1] as number, -1 / (K * n), ULP4, 0); // every negative is equally weighted
      expect(nwjBound(S).value).toBe(1e4);
      expect(jsBound(S).value).toBe(1e4 + 1);
      const js = jsBound(S);
      expect(js.objective).toBe(0); // −softplus(−1e4) − softplus(−1e4) underflow to −0
      expect(allFinite(js.grad)).toBe(true);
      expect(smileBound(S, { tau: 5 }).value).toBe(1e4 + 5);
      expect(mineBound(S).value).toBe(2e4);
      expect(allFinite(mineBound(S).grad)).toBe(true);
      // α = ½: joint term log 2 + log n (B holds e^{1e4} halved), marginal term e^{−1e4}/B → 0.
      const a = alphaBound(S, { alpha: 0.5 });
      expectClose(a.value, 1 + Math.log(2 * n), ULP4, 0);
      expect(allFinite(a.grad)).toBe(true);
      for (const alpha of [0, 0.25, 0.75, 1]) expect(allFinite(alphaBound(S, { alpha }).grad)).toBe(true);
    });
    it(`${K}×${M}, positives −1e4 and negatives +1e4 (an inverted critic)`, () => {
      const S = twoLevel(K, M, -1e4, 1e4);
      expectClose(infonceBound(S).value, -2e4 - Math.log((M - 1) / M), 1e-15, 0);
      expect(allFinite(infonceBound(S).grad)).toBe(true);
      expect(dvBound(S).value).toBe(-2e4);
      expect(smileBound(S, { tau: 5 }).value).toBe(-1e4 - 5);
      const js = jsBound.bind(null, S);
      // e^{1e4} has no float64: NWJ-type values are below −1e308 and are reported, not returned as −∞/NaN.
      expect(js).toThrow(expect.objectContaining({ code: "E_VALUE" }));
      expect(() => nwjBound(S)).toThrow(/beyond float64/);
      expect(() => mineBound(S)).toThrow(expect.objectContaining({ code: "E_VALUE" }));
      expect(() => alphaBound(S, { alpha: 1 })).toThrow(expect.objectContaining({ code: "E_VALUE" }));
      // Away from α = 1 the leave-one-out mean normalises e^{1e4}: finite.
      const a = alphaBound(S, { alpha: 0.5 });
      expect(Number.isFinite(a.value)).toBe(true);
      expect(allFinite(a.grad)).toBe(true);
    });
  }
  it("everything at −1e4 (collapsed, very negative) is finite for every bound", () => {
    const S = twoLevel(4, 4, -1e4, -1e4);
    expect(infonceBound(S).value).toBe(0);
    expect(dvBound(S).value).toBe(0);
    expect(nwjBound(S).value).toBe(-1e4);
    expect(jsBound(S).value).toBe(1 - 1e4);
    expect(smileBound(S, { tau: 5 }).value).toBe(-1e4 + 5);
    const m = mineBound(S);
    expect(m.state.ema).toBe(1e-4);
    for (const a of [0, 0.5, 1]) expect(Number.isFinite(alphaBound(S, { alpha: a }).value)).toBe(true);
  });
  it("K = 2: square and 2×3 give finite values and gradients for every bound", () => {
    for (const S of [mat(2, 2, [1, -2, 0.5, 3]), mat(2, 3, [1, -2, 0.3, 0.5, 3, -1])]) {
      for (const r of [
        infonceBound(S),
        nwjBound(S),
        dvBound(S),
        mineBound(S),
        jsBound(S),
        smileBound(S, { tau: 1 }),
        alphaBound(S, { alpha: 0.5 }),
      ]) {
        expect(Number.isFinite(r.value)).toBe(true);
        expect(allFinite(r.grad)).toBe(true);
      }
    }
  });
});

describe("validation: codes and messages that name the problem", () => {
  it("NaN and ±∞ entries → E_VALUE naming the position", () => {
    const s = new Float64Array(12).fill(0.5);
    s[7] = Number.NaN; // row 1, column 3 of a 3×4
    for (const f of [infonceBound, nwjBound, dvBound, jsBound, (S: ScoreMatrix) => alphaBound(S, { alpha: 0.5 })]) {
      expect(() => f(mat(3, 4, s))).toThrow(expect.objectContaining({ code: "E_VALUE" }));
      expect(() => f(mat(3, 4, s))).toThrow(/S\[1,3\] = NaN/);
    }
    s[7] = Number.POSITIVE_INFINITY;
    expect(() => mineBound(mat(3, 4, s))).toThrow(/S\[1,3\] = Infinity/);
    s[7] = Number.NEGATIVE_INFINITY;
    expect(() => smileBound(mat(3, 4, s))).toThrow(/S\[1,3\] = -Infinity/);
  });
  it("shapes: M < K, a wrong data length, a non-square symmetric → E_SHAPE", () => {
    expect(() => infonceBound(mat(3, 2, new Float64Array(6)))).toThrow(expect.objectContaining({ code: "E_SHAPE" }));
    expect(() => infonceBound(mat(3, 2, new Float64Array(6)))).toThrow(/3 rows but only 2 columns/);
    expect(() => dvBound({ rows: 2, cols: 2, data: new Float64Array(5) })).toThrow(/2×2 = 4 entries but data has 5/);
    expect(() => symmetricInfonceBound(mat(2, 3, new Float64Array(6)))).toThrow(/square/);
    expect(() => infonceBound(mat(0, 0, []))).toThrow(expect.objectContaining({ code: "E_SHAPE" }));
  });
  it("K = M = 1: InfoNCE is 0, the bounds that need negatives say so with E_DATA", () => {
    const one = mat(1, 1, [2]);
    expect(infonceBound(one).value).toBe(0);
    for (const f of [nwjBound, dvBound, jsBound, (S: ScoreMatrix) => smileBound(S), (S: ScoreMatrix) => mineBound(S)]) {
      expect(() => f(one)).toThrow(expect.objectContaining({ code: "E_DATA" }));
      expect(() => f(one)).toThrow(/no negative/);
    }
    expect(() => alphaBound(one, { alpha: 0.5 })).toThrow(expect.objectContaining({ code: "E_DATA" }));
    // One row with negatives is fine for all of them.
    expect(Number.isFinite(dvBound(mat(1, 3, [2, 0, 1])).value)).toBe(true);
  });
  it("parameters: α outside [0, 1], NaN τ, bad momentum or state → E_VALUE", () => {
    const S = mat(2, 2, [1, 0, 0, 1]);
    expect(() => alphaBound(S, { alpha: 1.5 })).toThrow(/alpha = 1.5/);
    expect(() => alphaBound(S, { alpha: Number.NaN })).toThrow(expect.objectContaining({ code: "E_VALUE" }));
    expect(() => smileBound(S, { tau: Number.NaN })).toThrow(expect.objectContaining({ code: "E_VALUE" }));
    expect(() => mineBound(S, { mineMomentum: 2 })).toThrow(/mineMomentum = 2/);
    expect(() => mineBound(S, { state: { ema: Number.NaN } })).toThrow(/state.ema = NaN/);
  });
  it("float32 input is read exactly (promoted to float64)", () => {
    const s32 = Float32Array.from([1.25, -0.5, 0.75, 2]);
    const r32 = dvBound({ rows: 2, cols: 2, data: s32 });
    const r64 = dvBound(mat(2, 2, s32));
    expect(r32.value).toBe(r64.value);
  });
});
