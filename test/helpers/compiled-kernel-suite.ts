/**
 * One test suite for every engine compiled from native/*.c (the N-API addon and the WebAssembly module):
 * each kernel against straightforward float64 loops written here from the formulas (docs/bounds.md, Kingma & Ba 2015),
 * its gradients against central differences, and its reductions at the extremes. Tolerances are stated per test;
 * float32 storage bounds what can be asked (≈ 6e-8 relative per rounding).
 */
import { describe, expect, it } from "vitest";
import type { CompiledKernel } from "../../src/linalg/compiled-kernel.js";
import { createRng } from "../../src/math/rng.js";
import type { Activation, BoundName } from "../../src/types.js";
import { gemmOracle } from "./gemm-oracle.js";

type CBound = Exclude<BoundName, "mine" | "alpha">;

export function randn(n: number, seed: number, scale = 1): Float32Array {
  const out = createRng(seed).fillNormal(new Float32Array(n));
  for (let i = 0; i < n; i++) out[i] = (out[i] as number) * scale;
  return out;
}

/** max_i |x_i − y_i| / (1 + |y_i|): an error that is relative for large entries and absolute near 0. */
export function maxErr(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let e = 0;
  for (let i = 0; i < y.length; i++) {
    const d = Math.abs((x[i] as number) - (y[i] as number)) / (1 + Math.abs(y[i] as number));
    if (!(d <= e)) e = d;
  }
  return e;
}

function lse(xs: number[]): number {
  const mx = Math.max(...xs);
  return mx + Math.log(xs.reduce((s, x) => s + Math.exp(x - mx), 0));
}

/** The bounds of docs/bounds.md, value and the gradient the kernel must return, straight from the formulas. */
export function boundRef(
  name: CBound,
  s: Float32Array,
  K: number,
  M: number,
  tau: number,
): { value: number; grad: Float64Array } {
  const S = (i: number, j: number): number => s[i * M + j] as number;
  const grad = new Float64Array(K * M);
  let diag = 0;
  for (let i = 0; i < K; i++) diag += S(i, i);
  diag /= K;
  const off: number[] = [];
  for (let i = 0; i < K; i++) for (let j = 0; j < M; j++) if (j !== i) off.push(S(i, j));
  const nOff = off.length;
  const sig = (x: number): number => 1 / (1 + Math.exp(-x));
  if (name === "infonce") {
    let total = 0;
    for (let i = 0; i < K; i++) {
      const row = Array.from({ length: M }, (_, j) => S(i, j));
      const l = lse(row);
      total += S(i, i) - l;
      for (let j = 0; j < M; j++) grad[i * M + j] = ((i === j ? 1 : 0) - Math.exp(S(i, j) - l)) / K;
    }
    return { value: Math.log(M) + total / K, grad };
  }
  const diagGrad = (): void => {
    for (let i = 0; i < K; i++) grad[i * M + i] = 1 / K;
  };
  if (name === "nwj") {
    diagGrad();
    for (let i = 0; i < K; i++)
      for (let j = 0; j < M; j++) if (j !== i) grad[i * M + j] = -Math.exp(S(i, j) - 1) / nOff;
    return { value: diag - off.reduce((a, x) => a + Math.exp(x - 1), 0) / nOff, grad };
  }
  if (name === "dv") {
    diagGrad();
    const l = lse(off);
    for (let i = 0; i < K; i++) for (let j = 0; j < M; j++) if (j !== i) grad[i * M + j] = -Math.exp(S(i, j) - l);
    return { value: diag - (l - Math.log(nOff)), grad };
  }
  // js and smile: value as defined, gradient of the JS objective
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < M; j++) grad[i * M + j] = j === i ? sig(-S(i, i)) / K : -sig(S(i, j)) / nOff;
  }
  if (name === "js") return { value: 1 + diag - off.reduce((a, x) => a + Math.exp(x), 0) / nOff, grad };
  const clip = (x: number): number => (tau > 0 && Number.isFinite(tau) ? Math.min(tau, Math.max(-tau, x)) : x);
  return { value: diag - (lse(off.map(clip)) - Math.log(nOff)), grad };
}

function actRef(act: Activation, z: number): number {
  switch (act) {
    case "relu":
      return Math.max(z, 0);
    case "elu":
      return z > 0 ? z : Math.expm1(z);
    case "tanh":
      return Math.tanh(z);
    case "softplus":
      return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    default:
      return z;
  }
}

const ACTS: Activation[] = ["identity", "relu", "elu", "tanh", "softplus"];
const BOUNDS: CBound[] = ["infonce", "nwj", "dv", "js", "smile"];

/** Registers the suite for one compiled engine; `load` returns its kernel (called once). */
export function compiledKernelSuite(label: string, load: () => Promise<CompiledKernel>, threadCounts: number[]): void {
  describe(`${label} kernel against float64 references`, () => {
    let kernel: CompiledKernel;
    const get = async (): Promise<CompiledKernel> => {
      kernel ??= await load();
      return kernel;
    };

    for (const threads of threadCounts) {
      it(`gemm NN/NT/TN/TT matches a float64 triple loop, odd shapes, ${threads} thread(s) (tol 2e-5·(1+|c|))`, async () => {
        const kern = await get();
        kern.setThreads(threads);
        const shapes: [number, number, number][] = [
          [1, 1, 1],
          [7, 5, 3],
          [13, 33, 17],
          [128, 256, 20],
          [20, 256, 128],
          [129, 257, 300],
          [300, 70, 600],
          [6, 16, 1],
          [0, 5, 3],
          [4, 4, 0],
        ];
        let seed = 1;
        for (const [m, n, k] of shapes) {
          for (const [ta, tb] of [
            [false, false],
            [false, true],
            [true, false],
            [true, true],
          ] as const) {
            for (const [alpha, beta] of [
              [1, 0],
              [0.7, -1.3],
            ] as const) {
              const a = randn(m * k, seed++);
              const b = randn(k * n, seed++);
              const c0 = randn(m * n, seed++);
              if (beta === 0) c0.fill(Number.NaN); // beta = 0 must not read C
              const ref = gemmOracle(ta, tb, m, n, k, alpha, a, b, beta, c0);
              const c = c0.slice();
              kern.gemm(ta, tb, m, n, k, alpha, a, b, beta, c);
              // float32 rounding of k products: error ≲ k·2^-24·Σ|a||b| ~ 2e-5 relative to sqrt(k)-sized sums
              expect(maxErr(c, ref), `${m}×${n}×${k} ta=${ta} tb=${tb} beta=${beta}`).toBeLessThan(
                2e-5 * Math.sqrt(k + 1),
              );
            }
          }
        }
        kern.setThreads(0);
      });
    }

    it("gemm rejects short buffers and bad dimensions with E_SHAPE", async () => {
      const kern = await get();
      const a = new Float32Array(6);
      expect(() => kern.gemm(false, false, 3, 4, 2, 1, a, a, 0, new Float32Array(12))).toThrow(
        /argument .b. holds 6 numbers but the shape needs 8/,
      );
      expect(() => kern.gemm(false, false, -1, 3, 2, 1, a, a, 0, a)).toThrow(/m must be an integer/);
    });

    it("biasActivation and activationBackward match the formulas; backward matches central differences", async () => {
      const kern = await get();
      const rows = 5;
      const cols = 7;
      for (const act of ACTS) {
        const z0 = randn(rows * cols, 11, 3);
        const bias = randn(cols, 12);
        const z = z0.slice();
        const out = new Float32Array(rows * cols);
        kern.biasActivation(z, bias, rows, cols, act, out);
        const zRef = Array.from(z0, (v, p) => Math.fround(v + (bias[p % cols] as number)));
        expect(maxErr(z, zRef)).toBe(0);
        expect(
          maxErr(
            out,
            zRef.map((v) => actRef(act, v)),
          ),
          act,
        ).toBeLessThan(3e-7);
        const g = randn(rows * cols, 13);
        const gz = new Float32Array(rows * cols);
        kern.activationBackward(z, out, g, rows, cols, act, gz);
        const h = 1e-3;
        const fd = zRef.map((v, p) => ((g[p] as number) * (actRef(act, v + h) - actRef(act, v - h))) / (2 * h));
        // relu's kink: skip entries within h of 0 (none at this seed, but keep the test honest)
        const keep = zRef.map((v) => Math.abs(v) > 2 * h);
        expect(
          maxErr(
            gz.filter((_, p) => keep[p]),
            fd.filter((_, p) => keep[p]),
          ),
          act,
        ).toBeLessThan(2e-5);
        // in place: gradZ aliasing gradOut
        const g2 = g.slice();
        kern.activationBackward(z, out, g2, rows, cols, act, g2);
        expect(Array.from(g2)).toEqual(Array.from(gz));
      }
      // identity may alias z and out
      const z = randn(6, 3);
      const zz = z.slice();
      kern.biasActivation(zz, new Float32Array([1, 2, 3]), 2, 3, "identity", zz);
      expect(Array.from(zz)).toEqual(Array.from(z, (v, p) => Math.fround(v + [1, 2, 3][p % 3]!)));
      expect(() => kern.biasActivation(z, z, 2, 3, "gelu" as Activation, z)).toThrow(/unknown activation/);
    });

    it("columnSums matches a float64 sum (tol 1e-6 relative)", async () => {
      const kern = await get();
      const m = randn(129 * 33, 21);
      const out = new Float32Array(33).fill(Number.NaN);
      kern.columnSums(m, 129, 33, out);
      const ref = Array.from({ length: 33 }, (_, j) => {
        let s = 0;
        for (let i = 0; i < 129; i++) s += m[i * 33 + j] as number;
        return s;
      });
      expect(maxErr(out, ref)).toBeLessThan(1e-5);
    });

    for (const name of BOUNDS) {
      it(`bound ${name}: value and gradient match the formulas on square and rectangular S (tol 1e-6)`, async () => {
        const kern = await get();
        for (const [K, M, tau] of [
          [8, 8, 1],
          [5, 9, 0.5],
          [2, 2, 0],
          [128, 128, 5],
        ] as const) {
          const s = randn(K * M, K * 100 + M, 2);
          const g = new Float32Array(K * M);
          const v = kern.bound(name, s, K, M, tau, g);
          const ref = boundRef(name, s, K, M, tau);
          expect(Math.abs(v - ref.value), `${name} ${K}×${M}`).toBeLessThan(1e-6 * (1 + Math.abs(ref.value)));
          expect(maxErr(g, ref.grad), `${name} grad ${K}×${M}`).toBeLessThan(1e-6);
        }
      });
    }

    it("bound gradients are the central differences of the value (infonce, nwj, dv) in float64 (tol 1e-4)", async () => {
      const kern = await get();
      const K = 4;
      const M = 6;
      for (const name of ["infonce", "nwj", "dv"] as const) {
        const s = randn(K * M, 77, 1.5);
        const g = new Float32Array(K * M);
        kern.bound(name, s, K, M, 0, g);
        const h = 1e-2;
        for (let p = 0; p < K * M; p++) {
          const up = s.slice();
          const dn = s.slice();
          up[p] = (up[p] as number) + h;
          dn[p] = (dn[p] as number) - h;
          const fd = (boundRef(name, up, K, M, 0).value - boundRef(name, dn, K, M, 0).value) / (2 * h);
          expect(Math.abs((g[p] as number) - fd), `${name} p=${p}`).toBeLessThan(1e-4);
        }
      }
    });

    it("bounds are finite at ±1e4 scores, and InfoNCE never exceeds log M", async () => {
      const kern = await get();
      const K = 6;
      const s = randn(K * K, 5);
      for (let p = 0; p < K * K; p++) s[p] = (s[p] as number) > 0 ? 1e4 : -1e4;
      for (let i = 0; i < K; i++) s[i * K + i] = 1e4;
      const g = new Float32Array(K * K);
      for (const name of ["infonce", "dv", "smile"] as const) {
        const v = kern.bound(name, s, K, K, 1, g);
        expect(Number.isFinite(v), name).toBe(true);
        expect(g.every(Number.isFinite), name).toBe(true);
        expect(Math.abs(v - boundRef(name, s, K, K, 1).value)).toBeLessThan(1e-6 * (1 + Math.abs(v)));
      }
      expect(kern.bound("infonce", s, K, K, 0, g)).toBeLessThanOrEqual(Math.log(K) + 1e-12);
      // js: σ saturates to exactly 0/1 without NaN
      kern.bound("js", s, K, K, 0, g);
      expect(g.every(Number.isFinite)).toBe(true);
    });

    it("bound K = 1: InfoNCE is 0 with zero gradient; the others need a negative (E_DATA)", async () => {
      const kern = await get();
      const g = new Float32Array(1);
      expect(kern.bound("infonce", new Float32Array([3.5]), 1, 1, 0, g)).toBe(0);
      expect(g[0]).toBe(0);
      for (const name of ["nwj", "dv", "js", "smile"] as const) {
        expect(() => kern.bound(name, new Float32Array([3.5]), 1, 1, 0, g)).toThrow(
          expect.objectContaining({ code: "E_DATA" }),
        );
      }
      // K = 1, M = 2: one negative
      const v = kern.bound("dv", new Float32Array([2, 0.5]), 1, 2, 0, new Float32Array(2));
      expect(v).toBeCloseTo(1.5, 6);
    });

    it("bound on NaN/Inf scores raises E_VALUE naming the entry; bad shapes raise E_SHAPE", async () => {
      const kern = await get();
      const g = new Float32Array(4);
      expect(() => kern.bound("infonce", new Float32Array([1, Number.NaN, 0, 1]), 2, 2, 0, g)).toThrow(
        /S\[0,1\] = NaN/,
      );
      expect(() => kern.bound("nwj", new Float32Array([1, 0, Number.POSITIVE_INFINITY, 1]), 2, 2, 0, g)).toThrow(
        expect.objectContaining({ code: "E_VALUE" }),
      );
      expect(() => kern.bound("infonce", new Float32Array(4), 3, 2, 0, g)).toThrow(
        expect.objectContaining({ code: "E_SHAPE" }),
      );
    });

    it("adam matches the float64 formula with and without decoupled weight decay (tol 1e-6 relative)", async () => {
      const kern = await get();
      for (const wd of [0, 0.01]) {
        const n = 1000;
        const p = randn(n, 31);
        const m = new Float32Array(n);
        const v = new Float32Array(n);
        const pr = Float64Array.from(p);
        const mr = new Float64Array(n);
        const vr = new Float64Array(n);
        const [lr, b1, b2, eps] = [1e-3, 0.9, 0.999, 1e-8];
        for (let t = 1; t <= 5; t++) {
          const g = randn(n, 100 + t);
          kern.adam(p, g, m, v, lr, b1, b2, eps, wd, t);
          for (let i = 0; i < n; i++) {
            const gi = g[i] as number;
            mr[i] = b1 * (mr[i] as number) + (1 - b1) * gi;
            vr[i] = b2 * (vr[i] as number) + (1 - b2) * gi * gi;
            const mh = (mr[i] as number) / (1 - b1 ** t);
            const vh = (vr[i] as number) / (1 - b2 ** t);
            pr[i] = (pr[i] as number) * (1 - lr * wd) - (lr * mh) / (Math.sqrt(vh) + eps);
          }
        }
        expect(maxErr(p, pr)).toBeLessThan(1e-6);
        expect(maxErr(m, mr)).toBeLessThan(1e-6);
      }
      expect(() =>
        kern.adam(
          new Float32Array(2),
          new Float32Array(2),
          new Float32Array(2),
          new Float32Array(2),
          1,
          0.9,
          0.9,
          1e-8,
          0,
          0,
        ),
      ).toThrow(/1-based/);
    });

    it("normalizeRows and its backward: formula, central differences, and the eps floor", async () => {
      const kern = await get();
      const rows = 4;
      const cols = 9;
      const x = randn(rows * cols, 41);
      x.fill(0, 0, cols); // a zero row: divided by eps, not NaN
      const out = new Float32Array(rows * cols);
      const norms = new Float32Array(rows);
      const eps = 1e-12;
      kern.normalizeRows(x, rows, cols, eps, out, norms);
      expect(norms[0]).toBe(0);
      expect(out.subarray(0, cols).every((v) => v === 0)).toBe(true);
      for (let i = 1; i < rows; i++) {
        const r = Array.from(x.subarray(i * cols, (i + 1) * cols));
        const nrm = Math.hypot(...r);
        expect(Math.abs((norms[i] as number) - nrm) / nrm).toBeLessThan(1e-6);
        expect(
          maxErr(
            out.subarray(i * cols, (i + 1) * cols),
            r.map((v) => v / nrm),
          ),
        ).toBeLessThan(1e-6);
      }
      const g = randn(rows * cols, 42);
      const gx = new Float32Array(rows * cols);
      kern.normalizeRowsBackward(g, out, norms, rows, cols, eps, gx);
      const f = (xx: Float64Array, i: number): number => {
        let ss = 0;
        for (let j = 0; j < cols; j++) ss += (xx[i * cols + j] as number) ** 2;
        const d = Math.max(Math.sqrt(ss), eps);
        let s = 0;
        for (let j = 0; j < cols; j++) s += ((g[i * cols + j] as number) * (xx[i * cols + j] as number)) / d;
        return s;
      };
      const x64 = Float64Array.from(x);
      const h = 1e-5;
      for (let p = cols; p < rows * cols; p++) {
        const i = Math.floor(p / cols);
        const up = x64.slice();
        const dn = x64.slice();
        up[p] = (up[p] as number) + h;
        dn[p] = (dn[p] as number) - h;
        const fd = (f(up, i) - f(dn, i)) / (2 * h);
        expect(Math.abs((gx[p] as number) - fd), `p=${p}`).toBeLessThan(2e-5 * (1 + Math.abs(fd)));
      }
      // below eps: gradX = g / eps
      kern.normalizeRowsBackward(g, out, norms, 1, cols, 0.5, gx);
      expect(
        maxErr(
          gx.subarray(0, cols),
          Array.from(g.subarray(0, cols), (v) => v / 0.5),
        ),
      ).toBeLessThan(1e-7);
    });

    for (const threads of threadCounts) {
      it(`infonceBlockwise equals the dense N×N loss and gradients in float64, ${threads} thread(s), bands of 8 (tol 2e-6)`, async () => {
        const kern = await get();
        kern.setThreads(threads);
        const n = 37;
        const d = 5;
        const invT = 1 / 0.3;
        const q = randn(n * d, 51);
        const k = randn(n * d, 52);
        const gq = new Float32Array(n * d).fill(Number.NaN);
        const gk = new Float32Array(n * d).fill(Number.NaN);
        const loss = kern.infonceBlockwise(q, k, n, d, invT, 8, gq, gk);
        const S = gemmOracle(false, true, n, n, d, invT, q, k, 0, new Float32Array(0));
        let ref = 0;
        const G = new Float64Array(n * n);
        for (let i = 0; i < n; i++) {
          const row = Array.from(S.subarray(i * n, (i + 1) * n));
          const l = lse(row);
          ref += l - (row[i] as number);
          for (let j = 0; j < n; j++) G[i * n + j] = (Math.exp((row[j] as number) - l) - (i === j ? 1 : 0)) / n;
        }
        ref /= n;
        expect(Math.abs(loss - ref)).toBeLessThan(2e-6 * (1 + ref));
        const gqRef = new Float64Array(n * d);
        const gkRef = new Float64Array(n * d);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            const w = (G[i * n + j] as number) * invT;
            for (let c = 0; c < d; c++) {
              gqRef[i * d + c] = (gqRef[i * d + c] as number) + w * (k[j * d + c] as number);
              gkRef[j * d + c] = (gkRef[j * d + c] as number) + w * (q[i * d + c] as number);
            }
          }
        }
        expect(maxErr(gq, gqRef)).toBeLessThan(2e-6);
        expect(maxErr(gk, gkRef)).toBeLessThan(2e-6);
        // value only, and a band larger than N
        expect(Math.abs(kern.infonceBlockwise(q, k, n, d, invT, 1000, null, null) - ref)).toBeLessThan(
          2e-6 * (1 + ref),
        );
        kern.setThreads(0);
      });
    }

    it("infonceBlockwise returns NaN on non-finite embeddings (the caller raises)", async () => {
      const kern = await get();
      const q = randn(12, 1);
      q[5] = Number.POSITIVE_INFINITY;
      expect(kern.infonceBlockwise(q, randn(12, 2), 4, 3, 1, 2, null, null)).toBeNaN();
    });
  });
}
