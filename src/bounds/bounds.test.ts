import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../test/helpers/check-gradient.js";
import { expectAllClose, expectClose } from "../../test/helpers/expect-close.js";
import { createRng } from "../math/rng.js";
import type { ScoreMatrix } from "../types.js";
import { alphaBound } from "./alpha.js";
import { type BoundOptions, bound } from "./bound.js";
import { dvBound } from "./dv.js";
import { infonceBound } from "./infonce.js";
import { jsBound } from "./js.js";
import { type MineState, mineBound, mineSpec } from "./mine.js";
import { nwjBound } from "./nwj.js";
import { smileBound } from "./smile.js";
import { symmetricInfonceBound } from "./symmetric-infonce.js";

// Oracle 1: torch float64 autograd, test/fixtures/bounds/make_bounds.py (cross-checked there against the papers' code).
interface Vg {
  value: number;
  grad: number[];
  objective?: number;
}
interface Case {
  rows: number;
  cols: number;
  S: number[];
  infonce: Vg;
  symmetric?: Vg;
  nwj?: Vg;
  dv?: Vg;
  js?: Vg;
  smile?: (Vg & { tau: number | "inf" })[];
  mine?: (Vg & { shift: number; emaIn: number | null; emaOut: number })[];
  alpha?: (Vg & { alpha: number })[];
}
const fx = JSON.parse(readFileSync(new URL("../../test/fixtures/bounds/bounds.json", import.meta.url), "utf8")) as {
  cases: Case[];
};

function mat(rows: number, cols: number, data: ArrayLike<number>): ScoreMatrix {
  return { rows, cols, data: Float64Array.from(data) };
}

describe("bounds against torch autograd fixtures (rtol 1e-12, atol 1e-14)", () => {
  const R = 1e-12;
  const A = 1e-14;
  for (const c of fx.cases) {
    const S = mat(c.rows, c.cols, c.S);
    const tag = `${c.rows}×${c.cols}`;
    it(`${tag}: infonce${c.symmetric ? ", symmetric" : ""}`, () => {
      const r = infonceBound(S);
      expectClose(r.value, c.infonce.value, R, A);
      expectAllClose(r.grad, c.infonce.grad, R, A);
      if (c.symmetric) {
        const sy = symmetricInfonceBound(S);
        expectClose(sy.value, c.symmetric.value, R, A);
        expectAllClose(sy.grad, c.symmetric.grad, R, A);
      }
    });
    if (c.nwj && c.dv && c.js && c.smile && c.mine) {
      const { nwj, dv, js, smile, mine } = c;
      it(`${tag}: nwj, dv, js, smile, mine`, () => {
        let r = nwjBound(S);
        expectClose(r.value, nwj.value, R, A);
        expectAllClose(r.grad, nwj.grad, R, A);
        r = dvBound(S);
        expectClose(r.value, dv.value, R, A);
        expectAllClose(r.grad, dv.grad, R, A);
        const j = jsBound(S);
        expectClose(j.value, js.value, R, A);
        expectClose(j.objective, js.objective as number, R, A);
        expectAllClose(j.grad, js.grad, R, A);
        for (const sm of smile) {
          const r2 = smileBound(S, { tau: sm.tau === "inf" ? Number.POSITIVE_INFINITY : sm.tau });
          expectClose(r2.value, sm.value, R, A);
          expectClose(r2.objective, sm.objective as number, R, A);
          expectAllClose(r2.grad, sm.grad, R, A);
        }
        let state: MineState | undefined;
        for (const step of mine) {
          const Sb = mat(
            c.rows,
            c.cols,
            c.S.map((v) => v + step.shift),
          );
          if (step.emaIn === null) expect(state).toBeUndefined();
          else expectClose((state as MineState).ema, step.emaIn, R, 0);
          const m = mineBound(Sb, { state });
          expectClose(m.value, step.value, R, A);
          expectClose(m.objective, step.objective as number, R, A);
          expectAllClose(m.grad, step.grad, R, A);
          expectClose(m.state.ema, step.emaOut, R, 0);
          state = m.state;
        }
      });
    }
    if (c.alpha) {
      const alphas = c.alpha;
      it(`${tag}: alpha at α = 0, 0.3, 0.7, 1 (rtol 1e-11)`, () => {
        for (const a of alphas) {
          const r = alphaBound(S, { alpha: a.alpha });
          expectClose(r.value, a.value, 1e-11, 1e-13);
          expectAllClose(r.grad, a.grad, 1e-11, 1e-13);
        }
      });
    }
  }
});

// Oracle 2: central finite differences of the function whose gradient is returned.
function randomS(rows: number, cols: number, seed: number, scale = 1): Float64Array {
  const rng = createRng(seed);
  const s = new Float64Array(rows * cols);
  for (let p = 0; p < s.length; p++) s[p] = scale * rng.normal();
  for (let i = 0; i < rows; i++) s[i * cols + i] = (s[i * cols + i] as number) + 1.5 * scale;
  return s;
}

/** Central finite differences of f at the K×M matrix s against grad (test/helpers/check-gradient.ts). */
function checkFiniteDifferences(
  rows: number,
  cols: number,
  s: Float64Array,
  f: (S: ScoreMatrix) => number,
  grad: Float64Array,
  tol = 1e-8,
): void {
  checkGradient(s, (x) => f(mat(rows, cols, x)), grad, { h: 1e-5, atol: tol, rtol: tol });
}

describe("gradients against central finite differences (h = 1e-5, tol 1e-8)", () => {
  const shapes: [number, number][] = [
    [1, 2],
    [2, 2],
    [4, 4],
    [3, 6],
    [6, 6],
  ];
  for (const [K, M] of shapes) {
    const s = randomS(K, M, 17 + K * 31 + M, 1.3);
    const S = mat(K, M, s);
    it(`${K}×${M}: value gradients (infonce, nwj, dv, alpha${K === M ? ", symmetric" : ""})`, () => {
      checkFiniteDifferences(K, M, s, (X) => infonceBound(X).value, infonceBound(S).grad);
      if (K === M)
        checkFiniteDifferences(K, M, s, (X) => symmetricInfonceBound(X).value, symmetricInfonceBound(S).grad);
      checkFiniteDifferences(K, M, s, (X) => nwjBound(X).value, nwjBound(S).grad);
      checkFiniteDifferences(K, M, s, (X) => dvBound(X).value, dvBound(S).grad);
      for (const a of [0, 0.25, 0.5, 0.9, 1]) {
        checkFiniteDifferences(K, M, s, (X) => alphaBound(X, { alpha: a }).value, alphaBound(S, { alpha: a }).grad);
      }
    });
    it(`${K}×${M}: surrogate gradients (js and smile: of the JS objective; mine: at a fixed ema)`, () => {
      checkFiniteDifferences(K, M, s, (X) => jsBound(X).objective, jsBound(S).grad);
      checkFiniteDifferences(K, M, s, (X) => smileBound(X, { tau: 1 }).objective, smileBound(S, { tau: 1 }).grad);
      // momentum 1 keeps the moving average at the given state, so the surrogate is a fixed function of S.
      const state = { ema: 1.7 };
      checkFiniteDifferences(
        K,
        M,
        s,
        (X) => mineBound(X, { state, mineMomentum: 1 }).objective,
        mineBound(S, { state, mineMomentum: 1 }).grad,
      );
    });
  }
  it("mine's gradient at momentum 0.9 is the fixed-ema gradient at the updated average", () => {
    const s = randomS(5, 5, 3);
    const S = mat(5, 5, s);
    const first = mineBound(S);
    expectClose(first.state.ema, Math.exp(-dvBound(S).value + meanDiag(s, 5, 5)), 1e-14, 0);
    const second = mineBound(S, { state: { ema: 0.3 } });
    const ema = 0.9 * 0.3 + 0.1 * first.state.ema;
    expectClose(second.state.ema, ema, 1e-15, 0);
    expectAllClose(second.grad, mineBound(S, { state: { ema }, mineMomentum: 1 }).grad, 1e-15, 0);
    expect(mineBound(mat(2, 2, [0, -30, -30, 0])).state.ema).toBe(1e-4); // the 1e-4 floor
  });
});

function meanDiag(s: Float64Array, K: number, M: number): number {
  let t = 0;
  for (let i = 0; i < K; i++) t += s[i * M + i] as number;
  return t / K;
}

describe("closed forms and identities", () => {
  it("collapsed scores give exactly log K loss, i.e. an InfoNCE bound of exactly 0 (and 0 gradient for square S)", () => {
    for (const [K, M, c] of [
      [1, 1, 0],
      [2, 2, 3.7],
      [7, 7, -1e4],
      [5, 9, 1e4],
      [64, 64, 0.1],
    ] as const) {
      const r = infonceBound(mat(K, M, new Float64Array(K * M).fill(c)));
      expect(r.value).toBe(0);
      if (K === M) {
        // (1/K)(1 − 1/M) on the diagonal, −1/(KM) off it: each row's gradient sums to 0.
        for (let i = 0; i < K; i++) {
          let rowSum = 0;
          for (let j = 0; j < M; j++) rowSum += r.grad[i * M + j] as number;
          expect(Math.abs(rowSum)).toBeLessThanOrEqual(1e-15);
        }
      }
      if (K === M) expect(symmetricInfonceBound(mat(K, M, new Float64Array(K * M).fill(c))).value).toBe(0);
    }
  });
  it("InfoNCE K = M = 1 is 0 with gradient 0; it never exceeds log M, and reaches it when the positive dominates", () => {
    const one = infonceBound(mat(1, 1, [42]));
    expect(one.value).toBe(0);
    expect(one.grad[0]).toBe(0);
    const s = new Float64Array(36).fill(-1e4);
    for (let i = 0; i < 6; i++) s[i * 6 + i] = 1e4;
    const r = infonceBound(mat(6, 6, s));
    expect(r.value).toBe(Math.log(6));
    for (const g of r.grad) expect(g === 0).toBe(true); // the exact gradient underflows to ±0 (e^{−2e4})
    // A clamp at log M must only remove rounding: away from the ceiling the value is the unclamped formula (naive
    // oracle below), and where the positive dominates the oracle is log M − log(1 + (M−1)e^{−Δ}) ≤ log M.
    for (let seed = 0; seed < 20; seed++) {
      const s = randomS(4, 9, seed, 8);
      const value = infonceBound(mat(4, 9, s)).value;
      expectClose(value, naiveInfonce(s, 4, 9), 1e-13, 1e-13);
      expect(value).toBeLessThanOrEqual(Math.log(9));
    }
    for (const gap of [5, 20, 40]) {
      const s = new Float64Array(9 * 9);
      for (let i = 0; i < 9; i++) s[i * 9 + i] = gap;
      const value = infonceBound(mat(9, 9, s)).value;
      expectClose(value, Math.log(9) - Math.log1p(8 * Math.exp(-gap)), 1e-15, 1e-15);
      expect(value).toBeLessThanOrEqual(Math.log(9));
    }
  });
  it("the symmetric bound is the mean of the row-wise bound on S and on Sᵀ", () => {
    const s = randomS(5, 5, 9);
    const t = new Float64Array(25);
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) t[j * 5 + i] = s[i * 5 + j] as number;
    const sym = symmetricInfonceBound(mat(5, 5, s));
    const rows = infonceBound(mat(5, 5, s));
    const cols = infonceBound(mat(5, 5, t));
    expectClose(sym.value, 0.5 * (rows.value + cols.value), 1e-15, 1e-15);
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 5; j++) {
        const expected = 0.5 * ((rows.grad[i * 5 + j] as number) + (cols.grad[j * 5 + i] as number));
        expectClose(sym.grad[i * 5 + j] as number, expected, 1e-14, 1e-16);
      }
    }
  });
  it("α = 1 is exactly NWJ (value and gradient)", () => {
    for (const [K, M] of [
      [2, 2],
      [5, 5],
      [3, 8],
    ] as const) {
      const S = mat(K, M, randomS(K, M, K + M));
      const a = alphaBound(S, { alpha: 1 });
      const n = nwjBound(S);
      expectClose(a.value, n.value, 1e-14, 1e-15);
      expectAllClose(a.grad, n.grad, 1e-13, 1e-16);
    }
  });
  it("α = 0 is InfoNCE with M − 1 candidates: infonceBound of each row with one negative held out, averaged", () => {
    for (const [K, M] of [
      [2, 2],
      [4, 4],
      [3, 7],
    ] as const) {
      const s = randomS(K, M, 100 + K * M);
      const a = alphaBound(mat(K, M, s), { alpha: 0 });
      // Independent route: for every row i and held-out negative h, a 1×(M−1) matrix with the positive first.
      let total = 0;
      for (let i = 0; i < K; i++) {
        for (let h = 0; h < M; h++) {
          if (h === i) continue;
          const row = [s[i * M + i] as number];
          for (let k = 0; k < M; k++) if (k !== i && k !== h) row.push(s[i * M + k] as number);
          total += infonceBound(mat(1, M - 1, row)).value;
        }
      }
      expectClose(a.value, total / (K * (M - 1)), 1e-14, 1e-15);
    }
  });
  it("SMILE with τ = ∞ or τ ≤ 0 is DV's value; a huge τ changes nothing; its gradient is JS's", () => {
    const S = mat(4, 6, randomS(4, 6, 5, 3));
    const dv = dvBound(S).value;
    expect(smileBound(S, { tau: Number.POSITIVE_INFINITY }).value).toBe(dv);
    expect(smileBound(S, { tau: 0 }).value).toBe(dv);
    expect(smileBound(S, { tau: -1 }).value).toBe(dv);
    expect(smileBound(S, { tau: 1e6 }).value).toBe(dv);
    expect(smileBound(S, { tau: 1 }).value).not.toBe(dv);
    expect(Array.from(smileBound(S, { tau: 1 }).grad)).toEqual(Array.from(jsBound(S).grad));
  });
  it("MINE's value is DV's, and JS's value is NWJ on f + 1", () => {
    const s = randomS(5, 7, 77);
    expect(mineBound(mat(5, 7, s)).value).toBe(dvBound(mat(5, 7, s)).value);
    const plus1 = s.map((v) => v + 1);
    expectClose(jsBound(mat(5, 7, s)).value, nwjBound(mat(5, 7, plus1)).value, 1e-14, 1e-14);
  });
});

describe("the bound() dispatcher", () => {
  const S = mat(3, 3, randomS(3, 3, 1));
  it("routes every name to its bound and passes options", () => {
    expect(bound("infonce", S).value).toBe(infonceBound(S).value);
    expect(bound("infonce", S, { symmetric: true }).value).toBe(symmetricInfonceBound(S).value);
    expect(bound("nwj", S).value).toBe(nwjBound(S).value);
    expect(bound("dv", S).value).toBe(dvBound(S).value);
    expect(bound("mine", S, { state: { ema: 2 }, mineMomentum: 0.5 }).objective).toBe(
      mineBound(S, { state: { ema: 2 }, mineMomentum: 0.5 }).objective,
    );
    expect(bound("js", S).objective).toBe(jsBound(S).objective);
    expect(bound("smile", S, { tau: 2 }).value).toBe(smileBound(S, { tau: 2 }).value);
    expect(bound("alpha", S, { alpha: 0.4 }).value).toBe(alphaBound(S, { alpha: 0.4 }).value);
  });
  it("gives each parameter its registry default when absent (τ = 5, α = ½, momentum 0.9)", () => {
    expect(bound("smile", S).value).toBe(smileBound(S, { tau: 5 }).value);
    expect(bound("smile", S).value).not.toBe(smileBound(S, { tau: 1 }).value);
    expect(bound("alpha", S).value).toBe(alphaBound(S, { alpha: 0.5 }).value);
    expect(bound("alpha", S).value).not.toBe(alphaBound(S, { alpha: 0 }).value);
    const state = { ema: 2 };
    // Typed by name: mine's state and objective are read without a cast.
    const mine = bound("mine", S, { state });
    expect(mine.state).toEqual(mineBound(S, { state, mineMomentum: 0.9 }).state);
    expect(mine.objective).toBe(mineBound(S, { state }).objective);
    // The functions' defaults are the estimators' and bound()'s: α = ½, τ = 5.
    expect(alphaBound(S).value).toBe(bound("alpha", S).value);
    expect(smileBound(S).value).toBe(bound("smile", S).value);
  });
  it("types each bound's options by name, and checks them at run time for a name known only then", () => {
    // @ts-expect-error: τ is smile's, not nwj's
    expect(() => bound("nwj", S, { tau: 1 })).toThrow(/option "tau" belongs to the smile bound, not to nwj/);
    // @ts-expect-error: τ is a number
    expect(() => bound("smile", S, { tau: "1" })).toThrow(expect.objectContaining({ code: "E_VALUE" }));
    const name: string = "smile";
    expect(bound(name, S, { tau: 2 }).value).toBe(smileBound(S, { tau: 2 }).value);
  });
  it("rejects unknown names (suggesting the closest), foreign options and out-of-range parameters with codes", () => {
    // Names known only at run time (a literal typo does not compile): the run-time checks.
    const byName = (name: string, options?: BoundOptions) => bound(name, S, options);
    expect(() => byName("nce")).toThrow(expect.objectContaining({ code: "E_UNKNOWN" }));
    expect(() => byName("smiel")).toThrow(/did you mean "smile"/);
    expect(() => byName("dv", { tau: 1 })).toThrow(expect.objectContaining({ code: "E_ARG" }));
    expect(() => byName("dv", { tau: 1 })).toThrow(/tau.*smile/);
    expect(() => byName("dv", { temperature: 1 })).toThrow(expect.objectContaining({ code: "E_ARG" }));
    expect(() => byName("alpha", { alpha: 1.5 })).toThrow(expect.objectContaining({ code: "E_VALUE" }));
    expect(() => byName("smile", { tau: Number.NaN })).toThrow(expect.objectContaining({ code: "E_VALUE" }));
  });
});

describe("MINE's training gradient (mineSpec.stateful: the moving average across batches)", () => {
  it("starts the moving average at the batch mean, then mixes with momentum, floored at 1e-4", () => {
    const train = mineSpec.stateful?.createGradient(0.9);
    if (train === undefined) throw new Error("mine has no stateful gradient");
    const g = new Float32Array(4);
    // Off-diagonal e^S of 1 and 3: mean 2. ∂/∂S [mean S_ii − mean_O e^{S_ij} / ema] at a fixed ema is 1/K on the
    // diagonal and −e^{S_ij}/(|O|·ema) off it, |O| = 2.
    train(new Float32Array([2, 0, Math.log(3), 1]), 2, 2, g);
    expectAllClose(g, [0.5, -1 / 4, -3 / 4, 0.5], 1e-7, 0);
    // Next batch: mean 5, so ema = 0.9·2 + 0.1·5 = 2.3.
    train(new Float32Array([0, Math.log(5), Math.log(5), 0]), 2, 2, g);
    expectAllClose(g, [0.5, -5 / (2 * 2.3), -5 / (2 * 2.3), 0.5], 1e-7, 0);
    const fresh = mineSpec.stateful?.createGradient(0.9);
    fresh?.(new Float32Array([0, -30, -30, 0]), 2, 2, g);
    expectAllClose(g, [0.5, -Math.exp(-30) / (2 * 1e-4), -Math.exp(-30) / (2 * 1e-4), 0.5], 1e-6, 0);
  });
});

/** (1/K) Σ_i (S_ii − log mean_j e^{S_ij}) computed directly, row by row: an oracle without the log M clamp. */
function naiveInfonce(s: Float64Array, K: number, M: number): number {
  let total = 0;
  for (let i = 0; i < K; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < M; j++) max = Math.max(max, s[i * M + j] as number);
    let sum = 0;
    for (let j = 0; j < M; j++) sum += Math.exp((s[i * M + j] as number) - max);
    total += (s[i * M + i] as number) - max - Math.log(sum / M);
  }
  return total / K;
}
