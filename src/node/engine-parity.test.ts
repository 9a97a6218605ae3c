/**
 * The three engines give the same numbers: the pure-TypeScript kernel (the oracle), the WebAssembly module and the
 * N-API addon, on the same inputs, op by op and through a short training run of a separable critic.
 * Tolerances are float32's: outputs agree to a few 1e-7 relative (stated per test), more after many steps.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { maxErr, randn } from "../../test/helpers/compiled-kernel-suite.js";
import { SeparableCritic } from "../critics/separable-critic.js";
import type { CompiledKernel } from "../linalg/compiled-kernel.js";
import { infonceLossBlockwise } from "../linalg/infonce-blockwise.js";
import { tsKernel } from "../linalg/ts-kernel.js";
import { loadWasmKernel } from "../linalg/wasm-kernel.js";
import { createRng } from "../math/rng.js";
import { Adam } from "../nn/adam.js";
import type { Activation, BoundName, Kernel } from "../types.js";
import { loadNativeKernel } from "./native-kernel.js";

let engines: Kernel[];

beforeAll(async () => {
  const wasm: CompiledKernel = await loadWasmKernel();
  const native: CompiledKernel = loadNativeKernel();
  native.setThreads(2); // the threaded paths must agree too
  engines = [tsKernel, wasm, native];
});

/** Runs `op` on a fresh copy of the inputs for every engine; returns each engine's outputs. */
function onEach<T>(op: (k: Kernel) => T): T[] {
  return engines.map((k) => op(k));
}

describe("engine parity: ts, wasm and native agree", () => {
  it("gemm, all transposition cases, alpha/beta (tol 3e-6·√k relative)", () => {
    let seed = 500;
    for (const [m, n, k] of [
      [128, 256, 20],
      [256, 256, 128],
      [33, 65, 129],
      [1, 7, 300],
    ] as const) {
      for (const [ta, tb] of [
        [false, false],
        [false, true],
        [true, false],
        [true, true],
      ] as const) {
        const a = randn(m * k, seed++);
        const b = randn(k * n, seed++);
        const c0 = randn(m * n, seed++);
        const outs = onEach((kern) => {
          const c = c0.slice();
          kern.gemm(ta, tb, m, n, k, 0.5, a, b, 2, c);
          return c;
        });
        for (const c of outs.slice(1)) expect(maxErr(c, outs[0] as Float32Array)).toBeLessThan(3e-6 * Math.sqrt(k));
      }
    }
  });

  it("biasActivation / activationBackward for every activation (tol 3e-7)", () => {
    const acts: Activation[] = ["identity", "relu", "elu", "tanh", "softplus"];
    for (const act of acts) {
      const z0 = randn(64 * 48, 61, 4);
      const bias = randn(48, 62);
      const g = randn(64 * 48, 63);
      const outs = onEach((kern) => {
        const z = z0.slice();
        const a = new Float32Array(z.length);
        const gz = new Float32Array(z.length);
        kern.biasActivation(z, bias, 64, 48, act, a);
        kern.activationBackward(z, a, g, 64, 48, act, gz);
        return [a, gz] as const;
      });
      for (const [a, gz] of outs.slice(1)) {
        expect(maxErr(a, outs[0]![0]), act).toBeLessThan(3e-7);
        expect(maxErr(gz, outs[0]![1]), act).toBeLessThan(3e-7);
      }
    }
  });

  it("softplus and its derivative at the extremes, in the vector lanes and the scalar tail (tol 3e-7 relative)", () => {
    // 9 values: 8 fill one vector of 8 lanes, the 9th takes the scalar path; the same values in both places.
    const v = [1e4, -1e4, 88.5, -88.5, 90, -90, 0, 1e-8, -20];
    const z0 = new Float32Array([...v, ...v.slice(0, 8).reverse(), 1e-8]);
    const cols = z0.length;
    const grad = new Float32Array(cols).fill(1);
    const outs = onEach((kern) => {
      const z = z0.slice();
      const a = new Float32Array(cols);
      const gz = new Float32Array(cols);
      kern.biasActivation(z, new Float32Array(cols), 1, cols, "softplus", a);
      kern.activationBackward(z, a, grad, 1, cols, "softplus", gz);
      return [a, gz] as const;
    });
    for (const [a, gz] of outs) {
      for (let j = 0; j < cols; j++) {
        const x = z0[j] as number;
        const softplus = Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
        const sigmoid = 1 / (1 + Math.exp(-x));
        expect(Math.abs((a[j] as number) - softplus), `softplus(${x})`).toBeLessThanOrEqual(3e-7 * softplus + 1e-38);
        expect(Math.abs((gz[j] as number) - sigmoid), `sigmoid(${x})`).toBeLessThanOrEqual(3e-7 * sigmoid + 1e-38);
      }
    }
  });

  it("columnSums (tol 1e-6)", () => {
    const m = randn(128 * 256, 71);
    const outs = onEach((kern) => {
      const o = new Float32Array(256);
      kern.columnSums(m, 128, 256, o);
      return o;
    });
    for (const o of outs.slice(1)) expect(maxErr(o, outs[0] as Float32Array)).toBeLessThan(1e-6);
  });

  it("every bound, value and gradient, including α through the TypeScript fallback (tol 1e-6)", () => {
    const names: Exclude<BoundName, "mine">[] = ["infonce", "nwj", "dv", "js", "smile", "alpha"];
    for (const name of names) {
      for (const [K, M] of [
        [128, 128],
        [16, 40],
        [3, 3],
      ] as const) {
        const s = randn(K * M, K + M, 2);
        const outs = onEach((kern) => {
          const g = new Float32Array(K * M);
          const v = kern.bound(name, s, K, M, name === "smile" ? 2 : name === "alpha" ? 0.5 : 0, g);
          return [v, g] as const;
        });
        const [v0, g0] = outs[0]!;
        for (const [v, g] of outs.slice(1)) {
          expect(Math.abs(v - v0), `${name} ${K}×${M}`).toBeLessThan(1e-6 * (1 + Math.abs(v0)));
          expect(maxErr(g, g0), `${name} ${K}×${M}`).toBeLessThan(1e-6);
        }
      }
    }
  });

  it("bounds raise the same error codes on NaN scores and on K×1 batches", () => {
    for (const kern of engines) {
      expect(() => kern.bound("dv", new Float32Array([1, Number.NaN, 0, 1]), 2, 2, 0, new Float32Array(4))).toThrow(
        expect.objectContaining({ code: "E_VALUE" }),
      );
      expect(() => kern.bound("nwj", new Float32Array([1]), 1, 1, 0, new Float32Array(1))).toThrow(
        expect.objectContaining({ code: "E_DATA" }),
      );
    }
  });

  it("adam, descent and ascent (negative lr and decay, torch's maximize), 10 steps (tol 2e-6)", () => {
    for (const [lr, wd] of [
      [1e-3, 0],
      [5e-4, 0.01],
      [-1e-3, -0.01],
    ] as const) {
      const p0 = randn(5000, 81);
      const outs = onEach((kern) => {
        const p = p0.slice();
        const m = new Float32Array(p.length);
        const v = new Float32Array(p.length);
        for (let t = 1; t <= 10; t++) kern.adam(p, randn(p.length, 90 + t), m, v, lr, 0.9, 0.999, 1e-8, wd, t);
        return p;
      });
      for (const p of outs.slice(1)) expect(maxErr(p, outs[0] as Float32Array)).toBeLessThan(2e-6);
    }
  });

  it("normalizeRows and its backward (tol 3e-7)", () => {
    const x = randn(100 * 32, 91);
    const g = randn(100 * 32, 92);
    const outs = onEach((kern) => {
      const y = new Float32Array(x.length);
      const norms = new Float32Array(100);
      const gx = new Float32Array(x.length);
      kern.normalizeRows(x, 100, 32, 1e-12, y, norms);
      kern.normalizeRowsBackward(g, y, norms, 100, 32, 1e-12, gx);
      return [y, norms, gx] as const;
    });
    for (const [y, norms, gx] of outs.slice(1)) {
      expect(maxErr(y, outs[0]![0])).toBeLessThan(3e-7);
      expect(maxErr(norms, outs[0]![1])).toBeLessThan(3e-7);
      expect(maxErr(gx, outs[0]![2])).toBeLessThan(3e-7);
    }
  });

  it("infonceLossBlockwise: compiled routines equal the TypeScript composition (tol 1e-6)", () => {
    const n = 300;
    const d = 16;
    const q = randn(n * d, 101, 0.25);
    const k = randn(n * d, 102, 0.25);
    const outs = onEach((kern) => {
      const gradQ = new Float32Array(n * d);
      const gradK = new Float32Array(n * d);
      const v = infonceLossBlockwise(kern, q, k, n, d, 0.07, { block: 64, gradQ, gradK });
      return [v, gradQ, gradK] as const;
    });
    const [v0, gq0, gk0] = outs[0]!;
    for (const [v, gq, gk] of outs.slice(1)) {
      expect(Math.abs(v - v0)).toBeLessThan(1e-6 * (1 + v0));
      expect(maxErr(gq, gq0)).toBeLessThan(1e-6);
      expect(maxErr(gk, gk0)).toBeLessThan(1e-6);
    }
  });

  it("a separable critic (MLPs 20→64→64→16, InfoNCE, Adam): same first gradient (tol 1e-5), same curve over 50 steps", () => {
    const results = onEach((kern) => {
      const critic = new SeparableCritic(
        { dimX: 20, dimY: 20, hidden: [64, 64], embed: 16, activation: "relu", similarity: "dot" },
        createRng(3),
        kern,
      );
      const adam = new Adam(critic.parameters.values, critic.parameters.grads, { lr: 5e-4, maximize: true }, kern);
      const data = createRng(4);
      const K = 64;
      const x = new Float32Array(K * 20);
      const y = new Float32Array(K * 20);
      const g = new Float32Array(K * K);
      const values: number[] = [];
      let firstGrad = new Float32Array(0);
      for (let step = 0; step < 50; step++) {
        data.fillNormal(x);
        data.fillNormal(y);
        for (let i = 0; i < y.length; i++) y[i] = 0.5 * (x[i] as number) + Math.sqrt(0.75) * (y[i] as number);
        const s = critic.scores(x, y, K);
        values.push(kern.bound("infonce", s, K, K, 0, g));
        critic.backward(g);
        if (step === 0) firstGrad = critic.parameters.grads.slice();
        adam.step();
        critic.afterStep();
      }
      return [values, critic.parameters.values.slice(), firstGrad] as const;
    });
    const [v0, p0, g0] = results[0]!;
    for (const [v, p, g] of results.slice(1)) {
      expect(maxErr(g, g0)).toBeLessThan(1e-5);
      expect(maxErr(v, v0)).toBeLessThan(1e-4);
      // Adam normalises each gradient, so a parameter whose gradient is ~0 can take a ±lr step on one engine and
      // not the other: after 50 steps parameters agree to a few learning rates (5e-4), not to float32 rounding.
      expect(maxErr(p, p0)).toBeLessThan(4 * 5e-4);
    }
    // and training did something: the bound rose
    expect(v0[49]!).toBeGreaterThan(v0[0]!);
  });
});
