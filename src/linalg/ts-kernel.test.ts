import { describe, expect, it } from "vitest";
import { act64 } from "../../test/helpers/activation-oracle.js";
import { readAdamFixture } from "../../test/helpers/adam-fixture.js";
import { checkGradient } from "../../test/helpers/check-gradient.js";
import { expectAllClose } from "../../test/helpers/expect-close.js";
import { gemmOracle } from "../../test/helpers/gemm-oracle.js";
import { isInfonceError } from "../errors.js";
import { createRng } from "../math/rng.js";
import type { Activation, BoundName } from "../types.js";
import { getKernel, setKernel } from "./engine.js";
import { createTsKernel, tsKernel } from "./ts-kernel.js";

const K = tsKernel;

function randomF32(n: number, seed: number, scale = 1): Float32Array {
  const rng = createRng(seed);
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = scale * rng.normal();
  return a;
}

describe("gemm", () => {
  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [3, 5, 7],
    [4, 4, 4],
    [9, 130, 131],
    [130, 33, 257],
    [2, 1, 300],
  ];
  for (const [m, n, k] of shapes) {
    for (const ta of [false, true]) {
      for (const tb of [false, true]) {
        it(`matches float64 loops for ${m}×${n}×${k}, transA ${ta}, transB ${tb}, alpha/beta`, () => {
          const a = randomF32(m * k, 1);
          const b = randomF32(k * n, 2);
          for (const [alpha, beta] of [
            [1, 0],
            [0.5, 1],
            [-2, 0.25],
          ] as const) {
            const c = randomF32(m * n, 3);
            const expected = gemmOracle(ta, tb, m, n, k, alpha, a, b, beta, c);
            K.gemm(ta, tb, m, n, k, alpha, a, b, beta, c);
            // float32 storage: relative error of a k-term sum ≈ √k · 2^-24 per unit of Σ|a_p b_p|.
            expectAllClose(c, expected, 1e-5, 1e-5 * Math.sqrt(k));
          }
        });
      }
    }
  }

  it("beta = 0 overwrites C even where C holds NaN (BLAS semantics)", () => {
    const c = new Float32Array([Number.NaN, Number.POSITIVE_INFINITY, 1, 2]);
    K.gemm(false, false, 2, 2, 1, 1, new Float32Array([1, 2]), new Float32Array([3, 4]), 0, c);
    expect(Array.from(c)).toEqual([3, 4, 6, 8]);
  });

  it("k = 0 scales C by beta only", () => {
    const c = new Float32Array([1, 2]);
    K.gemm(false, false, 1, 2, 0, 1, new Float32Array(0), new Float32Array(0), 3, c);
    expect(Array.from(c)).toEqual([3, 6]);
  });

  it("rejects buffers too small for the shape, naming the argument", () => {
    const f = () => K.gemm(false, false, 2, 2, 2, 1, new Float32Array(3), new Float32Array(4), 0, new Float32Array(4));
    expect(f).toThrow(/'a' holds 3 numbers but the shape needs 4/);
    try {
      f();
    } catch (e) {
      expect(isInfonceError(e) && e.code).toBe("E_SHAPE");
    }
  });
});

const ACTS: Activation[] = ["identity", "relu", "elu", "tanh", "softplus"];

describe("biasActivation and activationBackward", () => {
  const rows = 5;
  const cols = 6;
  for (const act of ACTS) {
    it(`${act}: forward matches the formula, backward matches central differences`, () => {
      const z0 = randomF32(rows * cols, 4, 2);
      const bias = randomF32(cols, 5);
      const z = z0.slice();
      const out = new Float32Array(rows * cols);
      K.biasActivation(z, bias, rows, cols, act, out);
      const expectZ = Array.from(z0, (v, p) => v + (bias[p % cols] as number));
      expectAllClose(z, expectZ, 1e-6, 1e-6);
      expectAllClose(
        out,
        expectZ.map((v) => act64[act](v)),
        1e-6,
        1e-6,
      );
      const g = randomF32(rows * cols, 6);
      const gz = new Float32Array(rows * cols);
      K.activationBackward(z, out, g, rows, cols, act, gz);
      const h = 1e-6;
      const fd = Array.from(z, (v, p) => ((g[p] as number) * (act64[act](v + h) - act64[act](v - h))) / (2 * h));
      expectAllClose(gz, fd, 1e-4, 1e-5);
    });
  }

  it("softplus is finite and exact at ±1e4 and tiny inputs", () => {
    const z = new Float32Array([1e4, -1e4, 0, 1e-8]);
    const out = new Float32Array(4);
    K.biasActivation(z, new Float32Array(4), 1, 4, "softplus", out);
    expect(out[0]).toBe(1e4);
    expect(out[1]).toBe(0);
    expect(out[2]).toBeCloseTo(Math.LN2, 7);
    const gz = new Float32Array(4);
    K.activationBackward(z, out, new Float32Array([1, 1, 1, 1]), 1, 4, "softplus", gz);
    expect(Array.from(gz.subarray(0, 3))).toEqual([1, 0, 0.5]);
  });

  it("gradZ may alias gradOut", () => {
    const z = new Float32Array([-1, 2]);
    const a = new Float32Array([0, 2]);
    const g = new Float32Array([5, 7]);
    K.activationBackward(z, a, g, 1, 2, "relu", g);
    expect(Array.from(g)).toEqual([0, 7]);
  });
});

describe("columnSums", () => {
  it("sums columns in float64 and overwrites out", () => {
    const m = randomF32(300 * 7, 7);
    const out = new Float32Array(7).fill(99);
    K.columnSums(m, 300, 7, out);
    const expected = new Float64Array(7);
    for (let i = 0; i < 300; i++)
      for (let j = 0; j < 7; j++) expected[j] = (expected[j] as number) + (m[i * 7 + j] as number);
    expectAllClose(out, expected, 1e-6, 1e-6);
  });
});

describe("adam", () => {
  const fx = readAdamFixture();
  for (const c of fx.cases) {
    it(`${c.name}${c.maximize ? " maximize" : ""} lr ${c.lr} β (${c.beta1}, ${c.beta2}) eps ${c.eps}: follows torch.optim`, () => {
      // Ascent is the call with (−lr, −weightDecay) (see the kernel's doc).
      const sign = c.maximize ? -1 : 1;
      const p = Float32Array.from(fx.param0);
      const m = new Float32Array(p.length);
      const v = new Float32Array(p.length);
      c.trajectory.forEach((expected, s) => {
        K.adam(
          p,
          Float32Array.from(fx.grads[s] as number[]),
          m,
          v,
          sign * c.lr,
          c.beta1,
          c.beta2,
          c.eps,
          sign * c.weightDecay,
          s + 1,
        );
        expectAllClose(p, expected, 2e-6, 2e-7);
      });
    });
  }
});

describe("normalizeRows", () => {
  it("normalises rows, reports norms, and its backward matches central differences", () => {
    const rows = 4;
    const cols = 5;
    const x = randomF32(rows * cols, 8);
    x.fill(0, 15, 20); // a zero row: below eps
    const eps = 1e-12;
    const out = new Float32Array(rows * cols);
    const norms = new Float32Array(rows);
    K.normalizeRows(x, rows, cols, eps, out, norms);
    for (let i = 0; i < 3; i++) {
      let ss = 0;
      for (let j = 0; j < cols; j++) ss += (out[i * cols + j] as number) ** 2;
      expect(ss).toBeCloseTo(1, 6);
    }
    expect(Array.from(out.subarray(15))).toEqual([0, 0, 0, 0, 0]);
    const g = randomF32(rows * cols, 9);
    const gx = new Float32Array(rows * cols);
    K.normalizeRowsBackward(g, out, norms, rows, cols, eps, gx);
    // L(x) = Σ g ⊙ normalize(x), in float64.
    const loss = (xx: Float64Array): number => {
      let total = 0;
      for (let i = 0; i < rows; i++) {
        let ss = 0;
        for (let j = 0; j < cols; j++) ss += (xx[i * cols + j] as number) ** 2;
        const d = Math.max(Math.sqrt(ss), eps);
        for (let j = 0; j < cols; j++) total += ((g[i * cols + j] as number) * (xx[i * cols + j] as number)) / d;
      }
      return total;
    };
    // The first three rows (the fourth is below eps, where the divisor is the constant eps and h would cross it).
    const x64 = Float64Array.from(x);
    checkGradient(x64.subarray(0, 15), () => loss(x64), gx.subarray(0, 15), { h: 1e-6, atol: 5e-5, rtol: 0 });
  });
});

/** Independent naive formulas (no max-shift; fine for moderate scores), K×M with column i the positive of row i. */
function naiveBound(name: string, s: Float64Array, k: number, m: number, param: number): number {
  let diag = 0;
  for (let i = 0; i < k; i++) diag += s[i * m + i] as number;
  diag /= k;
  const off: number[] = [];
  for (let i = 0; i < k; i++) for (let j = 0; j < m; j++) if (j !== i) off.push(s[i * m + j] as number);
  const meanExp = (xs: number[]) => xs.reduce((t, v) => t + Math.exp(v), 0) / xs.length;
  switch (name) {
    case "infonce": {
      let t = 0;
      for (let i = 0; i < k; i++) {
        let z = 0;
        for (let j = 0; j < m; j++) z += Math.exp(s[i * m + j] as number);
        t += Math.log(Math.exp(s[i * m + i] as number) / z);
      }
      return Math.log(m) + t / k;
    }
    case "nwj":
      return diag - meanExp(off) / Math.E;
    case "dv":
      return diag - Math.log(meanExp(off));
    case "js":
      return 1 + diag - meanExp(off);
    case "smile":
      return diag - Math.log(meanExp(off.map((v) => Math.min(param, Math.max(-param, v)))));
    case "alpha": {
      // Poole et al.'s interpolated_lower_bound written out literally (rows = queries), with α ↦ 1 − α.
      const a = param;
      const B = (i: number, j: number) => {
        let t = 0;
        for (let q = 0; q < m; q++) if (q !== j) t += Math.exp(s[i * m + q] as number);
        return (1 - a) * (t / (m - 1)) + a * Math.E;
      };
      let joint = 0;
      let marg = 0;
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < m; j++) {
          if (j === i) continue;
          joint += (s[i * m + i] as number) - Math.log(B(i, j));
          marg += Math.exp(s[i * m + j] as number) / B(i, i);
        }
      }
      const nOff = k * (m - 1);
      return 1 + joint / nOff - marg / nOff;
    }
    default:
      throw new Error(name);
  }
}

/** The Jensen–Shannon objective whose gradient JS and SMILE train with. */
function jsObjective(s: Float64Array, k: number, m: number): number {
  const sp = (x: number) => Math.log(1 + Math.exp(x));
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < m; j++) {
      if (j === i) pos -= sp(-(s[i * m + j] as number));
      else neg += sp(s[i * m + j] as number);
    }
  }
  return pos / k - neg / (k * (m - 1));
}

describe("bound", () => {
  const cases: [Exclude<BoundName, "mine">, number][] = [
    ["infonce", 0],
    ["nwj", 0],
    ["dv", 0],
    ["js", 0],
    ["smile", 0.7],
    ["smile", 5],
    ["alpha", 0],
    ["alpha", 0.3],
    ["alpha", 1],
  ];
  for (const [k, m] of [
    [4, 4],
    [3, 6],
    [2, 2],
  ] as const) {
    for (const [name, param] of cases) {
      it(`${name}(${param}) on ${k}×${m}: value matches the naive formula, gradient matches central differences`, () => {
        const s32 = randomF32(k * m, 11 + k * m, 1.5);
        for (let i = 0; i < k; i++) s32[i * m + i] = (s32[i * m + i] as number) + 1; // positives score higher
        const grad = new Float32Array(k * m);
        const v = K.bound(name, s32, k, m, param, grad);
        const s64 = Float64Array.from(s32);
        expect(v).toBeCloseTo(naiveBound(name, s64, k, m, param), 10);
        const objective = (ss: Float64Array) =>
          name === "js" || name === "smile" ? jsObjective(ss, k, m) : naiveBound(name, ss, k, m, param);
        checkGradient(s64, objective, grad, { h: 1e-5, atol: 1e-6, rtol: 1e-5 });
      });
    }
  }

  it("alpha at α = 1 is NWJ exactly", () => {
    const s = randomF32(25, 12);
    const g1 = new Float32Array(25);
    const g2 = new Float32Array(25);
    expect(K.bound("alpha", s, 5, 5, 1, g1)).toBeCloseTo(K.bound("nwj", s, 5, 5, 0, g2), 12);
    expectAllClose(g1, g2, 1e-6, 1e-8);
  });

  it("smile with no clip (τ ≤ 0 or ∞) gives DV's value", () => {
    const s = randomF32(16, 13, 3);
    const g = new Float32Array(16);
    const dv = K.bound("dv", s, 4, 4, 0, g);
    expect(K.bound("smile", s, 4, 4, 0, g)).toBeCloseTo(dv, 12);
    expect(K.bound("smile", s, 4, 4, Number.POSITIVE_INFINITY, g)).toBeCloseTo(dv, 12);
  });

  it("infonce: K = M = 1 gives 0 with zero gradient; never above log M", () => {
    const g = new Float32Array(1);
    expect(K.bound("infonce", new Float32Array([3]), 1, 1, 0, g)).toBe(0);
    expect(g[0]).toBe(0);
    const s = new Float32Array(64 * 64);
    for (let i = 0; i < 64; i++) s[i * 64 + i] = 1e4;
    const g2 = new Float32Array(64 * 64);
    const v = K.bound("infonce", s, 64, 64, 0, g2);
    expect(v).toBeLessThanOrEqual(Math.log(64));
    expect(v).toBeCloseTo(Math.log(64), 12);
  });

  it("is finite at ±1e4 scores for infonce, dv, smile and alpha (no NaN for any bound)", () => {
    const s = new Float32Array([1e4, -1e4, 1e4, -1e4, -1e4, 1e4, 1e4, -1e4, 1e4]);
    for (const [name, param] of cases) {
      const g = new Float32Array(9);
      const v = K.bound(name, s, 3, 3, param, g);
      expect(Number.isNaN(v)).toBe(false);
      for (const x of g) expect(Number.isNaN(x)).toBe(false);
      if (name === "infonce" || name === "dv" || name === "smile" || (name === "alpha" && param < 1)) {
        expect(Number.isFinite(v)).toBe(true);
        for (const x of g) expect(Number.isFinite(x)).toBe(true);
      }
    }
  });

  it("rejects NaN/Inf scores, too few columns and mismatched shapes with codes", () => {
    const g = new Float32Array(4);
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return isInfonceError(e) ? `${e.code}: ${e.message}` : String(e);
      }
      return "no error";
    };
    expect(code(() => K.bound("infonce", new Float32Array([0, Number.NaN, 0, 0]), 2, 2, 0, g))).toMatch(
      /^E_VALUE: .*S\[0,1\] = NaN/,
    );
    expect(code(() => K.bound("dv", new Float32Array([0, Number.POSITIVE_INFINITY, 0, 0]), 2, 2, 0, g))).toMatch(
      /^E_VALUE/,
    );
    expect(code(() => K.bound("nwj", new Float32Array([1]), 1, 1, 0, g))).toMatch(/^E_DATA/);
    expect(code(() => K.bound("infonce", new Float32Array(4), 3, 2, 0, g))).toMatch(/^E_SHAPE/);
    expect(code(() => K.bound("alpha", new Float32Array(4), 2, 2, 1.5, g))).toMatch(/^E_VALUE/);
  });
});

describe("engine", () => {
  it("defaults to the TypeScript kernel and swaps kernels, returning the previous one", () => {
    expect(getKernel().engine).toBe("ts");
    const other = createTsKernel();
    const prev = setKernel(other);
    expect(getKernel()).toBe(other);
    setKernel(prev);
    expect(getKernel()).toBe(prev);
    expect(() => setKernel({ engine: "ts" } as never)).toThrow(/no gemm/);
  });
});
