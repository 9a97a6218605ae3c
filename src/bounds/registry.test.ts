import { describe, expect, it } from "vitest";
import { checkGradient } from "../../test/helpers/check-gradient.js";
import { expectAllClose, expectClose } from "../../test/helpers/expect-close.js";
import { expectCode } from "../../test/helpers/expect-code.js";
import { ESTIMATORS } from "../estimators/index.js";
import { NEURAL_DEFAULTS, neuralSettings } from "../estimators/neural-settings.js";
import { createTsKernel } from "../linalg/ts-kernel.js";
import { createRng } from "../math/rng.js";
import type { ScoreMatrix } from "../types.js";
import { bound } from "./bound.js";
import type { BoundSpec } from "./bound-spec.js";
import { checkBoundParam, checkScoreMatrix } from "./check-score-matrix.js";
import { diagonalMean } from "./off-diagonal.js";
import { BOUND_NAMES, BOUNDS, boundLabel, boundSpec } from "./registry.js";

function randomScores(K: number, M: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const s = new Float64Array(K * M);
  for (let p = 0; p < s.length; p++) s[p] = 2 * rng.normal();
  return s;
}

// The contract every registered bound meets; a new bound is checked here without a line of test code.
describe("every bound in the registry", () => {
  it("has a unique name, and its parameter's default passes its own check", () => {
    expect(new Set(BOUND_NAMES).size).toBe(BOUNDS.length);
    for (const spec of BOUNDS) {
      expect(boundSpec(spec.name)).toBe(spec);
      if (spec.param) expect(spec.param.check(spec.param.default), spec.name).toBe(true);
      if (spec.stateful) expect(BOUND_NAMES).toContain(spec.stateful.valueFrom);
    }
  });
  for (const spec of BOUNDS) {
    it(`${spec.name}: the kernel form (valueAndGradient) is the public form (bound()), and the TS kernel runs it`, () => {
      const kernel = createTsKernel();
      for (const [K, M] of [
        [3, 3],
        [4, 7],
      ] as const) {
        const s = randomScores(K, M, K * 10 + M);
        const param = spec.param?.default ?? 0;
        const grad = new Float64Array(K * M);
        const value = spec.valueAndGradient(s, K, M, param, grad);
        const ref = bound(spec.name, { rows: K, cols: M, data: s });
        expect(value).toBe(ref.value);
        expect(Array.from(grad)).toEqual(Array.from(ref.grad));
        if (spec.cappedByLogK) expect(value).toBeLessThanOrEqual(Math.log(M));
        // The float32 kernel: the same bound on the float32-rounded scores, its gradient rounded once.
        const s32 = Float32Array.from(s);
        const g32 = new Float32Array(K * M);
        const v32 = kernel.bound(spec.name, s32, K, M, param, g32);
        const ref32 = bound(spec.name, { rows: K, cols: M, data: Float64Array.from(s32) });
        expect(v32).toBe(ref32.value);
        expect(Array.from(g32)).toEqual(Array.from(Float32Array.from(ref32.grad)));
      }
    });
  }
  it("labels runs with the parameter only where there is one", () => {
    expect(boundLabel(boundSpec("smile"), 5)).toBe("smile(τ=5)");
    expect(boundLabel(boundSpec("alpha"), 0.5)).toBe("alpha(α=0.5)");
    expect(boundLabel(boundSpec("nwj"), 0)).toBe("nwj");
  });
  it("gives neural settings every parameter's default, checked by the parameter's own rule", () => {
    expect(NEURAL_DEFAULTS.boundParams).toEqual({ tau: 5, alpha: 0.5, mineMomentum: 0.9 });
    expect(neuralSettings("smile", { tau: 1 }).boundParams.tau).toBe(1);
    expectCode(() => neuralSettings("alpha", { alpha: 2 }), "E_ARG", /alpha must be a number in \[0, 1\]/);
    expectCode(() => neuralSettings("nce"), "E_UNKNOWN", /did you mean "infonce"/);
    for (const spec of BOUNDS) expect(ESTIMATORS[spec.name]?.kind).toBe("neural");
  });
});

// Adding a bound (docs/bounds.md, "Adding a bound"), walked through with a toy: the positives' mean minus β times
// the negatives' mean, value β-linear in S, so its gradient is exact by inspection and by finite differences.
describe("a toy bound added through the same path", () => {
  const BETA = {
    key: "beta",
    symbol: "β",
    default: 1,
    check: (b: number) => b >= 0 && Number.isFinite(b),
    expected: "a finite number ≥ 0",
    doc: "weight of the negatives",
  };
  function toyInto(s: ArrayLike<number>, K: number, M: number, beta: number, grad: Float64Array): number {
    const n = K * (M - 1);
    let neg = 0;
    for (let i = 0; i < K; i++) {
      for (let j = 0; j < M; j++) {
        if (j === i) {
          grad[i * M + j] = 1 / K;
        } else {
          neg += s[i * M + j] as number;
          grad[i * M + j] = -beta / n;
        }
      }
    }
    return diagonalMean(s, K, M) - (beta * neg) / n;
  }
  function toyBound(S: ScoreMatrix, beta: number) {
    checkBoundParam(BETA, beta, "toyBound");
    checkScoreMatrix(S, "toyBound", 1);
    const grad = new Float64Array(S.rows * S.cols);
    return { value: toyInto(S.data, S.rows, S.cols, beta, grad), grad };
  }
  const toySpec: BoundSpec = {
    name: "toy",
    label: "Toy",
    description: "positives' mean minus β times the negatives' mean",
    param: BETA,
    cappedByLogK: false,
    minNegatives: 1,
    valueAndGradient: toyInto,
    evaluate: (S, beta) => toyBound(S, beta),
  };
  const bounds = [...BOUNDS, toySpec];

  it("is found by name in the extended list, and is unknown to the registry itself", () => {
    expect(boundSpec("toy", bounds)).toBe(toySpec);
    expectCode(() => boundSpec("toy"), "E_UNKNOWN");
  });
  it("runs in the TypeScript kernel, with its parameter checked and its gradient exact", () => {
    const kernel = createTsKernel(bounds);
    const K = 3;
    const M = 5;
    const s = randomScores(K, M, 1);
    const s32 = Float32Array.from(s);
    const g = new Float32Array(K * M);
    const value = kernel.bound("toy", s32, K, M, 2, g);
    let diag = 0;
    let neg = 0;
    for (let i = 0; i < K; i++)
      for (let j = 0; j < M; j++) {
        const v = s32[i * M + j] as number;
        if (i === j) diag += v;
        else neg += v;
      }
    expectClose(value, diag / K - (2 * neg) / (K * (M - 1)), 1e-14, 1e-14);
    const x = Float64Array.from(s32);
    checkGradient(x, (y) => toyInto(y, K, M, 2, new Float64Array(K * M)), g, { atol: 1e-7, rtol: 1e-7 });
    expectAllClose(g.slice(0, 2), [1 / K, -2 / (K * (M - 1))], 1e-7, 0);
    expectCode(() => kernel.bound("toy", s32, K, M, -1, g), "E_VALUE", /beta = -1/);
    expectCode(() => kernel.bound("toy", s32, 1, 1, 1, g), "E_DATA");
  });
});
