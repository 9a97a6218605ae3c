import { describe, expect, it } from "vitest";
import { readAdamFixture } from "../../test/helpers/adam-fixture.js";
import { checkGradient } from "../../test/helpers/check-gradient.js";
import { mlpForward64 } from "../../test/helpers/mlp-oracle.js";
import { tsKernel } from "../linalg/ts-kernel.js";
import { createRng } from "../math/rng.js";
import { Adam } from "./adam.js";
import { Mlp, type MlpSpec } from "./mlp.js";
import { ParameterBuffer } from "./parameter-buffer.js";

/** The oracle forward of this network on `rows` rows of x. */
const forward64 = (spec: MlpSpec, params: Float64Array, x: Float64Array, rows: number): Float64Array =>
  mlpForward64(params, 0, [spec.inDim, ...spec.hidden, spec.outDim], spec.activation, x, rows).out;

describe("Mlp", () => {
  const rows = 6;
  for (const activation of ["relu", "elu", "tanh", "softplus", "identity"] as const) {
    it(`${activation}: forward matches float64 loops; parameter and input gradients match central differences`, () => {
      const spec: MlpSpec = { inDim: 3, hidden: [5, 4], outDim: 2, activation };
      const buf = new ParameterBuffer(Mlp.parameterCount(spec));
      const mlp = new Mlp(spec, buf, createRng(1), tsKernel);
      expect(buf.remaining).toBe(0);
      const rng = createRng(2);
      const x = new Float32Array(rows * 3).map(() => rng.normal());
      const g = new Float64Array(rows * 2).map(() => rng.normal());
      const out = mlp.forward(x, rows);
      const p64 = Float64Array.from(buf.values);
      const x64 = Float64Array.from(x);
      const ref = forward64(spec, p64, x64, rows);
      for (let p = 0; p < ref.length; p++) expect(out[p]).toBeCloseTo(ref[p] as number, 5);
      const gradX = mlp.backward(Float32Array.from(g), rows, true) as Float32Array;
      const loss = (pp: Float64Array, xx: Float64Array) =>
        forward64(spec, pp, xx, rows).reduce((t, v, i) => t + v * (g[i] as number), 0);
      const tol = { h: 1e-6, atol: 2e-5, rtol: 1e-4 };
      checkGradient(p64, (pp) => loss(pp, x64), buf.grads, { ...tol, what: "parameter" });
      checkGradient(x64, (xx) => loss(p64, xx), gradX, { ...tol, what: "input" });
    });
  }

  it("reuses its buffers across calls (no allocation per step) and returns null without an input gradient", () => {
    const spec: MlpSpec = { inDim: 4, hidden: [8], outDim: 3, activation: "relu" };
    const buf = new ParameterBuffer(Mlp.parameterCount(spec));
    const mlp = new Mlp(spec, buf, createRng(3), tsKernel);
    const x = new Float32Array(10 * 4).fill(0.5);
    const o1 = mlp.forward(x, 10);
    const g1 = mlp.backward(new Float32Array(30).fill(1), 10, true);
    const o2 = mlp.forward(x, 7); // fewer rows: same buffers
    const g2 = mlp.backward(new Float32Array(30).fill(1), 7, true);
    expect(o2).toBe(o1);
    expect(g2).toBe(g1);
    expect(mlp.backward(new Float32Array(30), 7, false)).toBeNull();
  });

  it("initialises like torch.nn.Linear: weights and biases U(−1/√fan_in, 1/√fan_in)", () => {
    const spec: MlpSpec = { inDim: 64, hidden: [256], outDim: 32, activation: "relu" };
    const buf = new ParameterBuffer(Mlp.parameterCount(spec));
    const mlp = new Mlp(spec, buf, createRng(4), tsKernel);
    for (const layer of mlp.layers) {
      const b = 1 / Math.sqrt(layer.inDim);
      for (const arr of [layer.weight, layer.bias]) {
        let mean = 0;
        let sq = 0;
        let max = 0;
        for (const v of arr) {
          mean += v;
          sq += v * v;
          max = Math.max(max, Math.abs(v));
        }
        mean /= arr.length;
        expect(max).toBeLessThanOrEqual(b);
        if (arr.length > 1000) {
          expect(max).toBeGreaterThan(0.99 * b);
          // U(−b, b): variance b²/3; 5 standard errors of the sample variance.
          expect(Math.abs(sq / arr.length - (b * b) / 3)).toBeLessThan(
            (5 * (b * b) * Math.sqrt(4 / 45)) / Math.sqrt(arr.length),
          );
          expect(Math.abs(mean)).toBeLessThan((5 * b) / Math.sqrt(3 * arr.length));
        }
      }
    }
    // Same seed, same numbers.
    const buf2 = new ParameterBuffer(buf.size);
    new Mlp(spec, buf2, createRng(4), tsKernel);
    expect(buf2.values).toEqual(buf.values);
  });

  it("rejects bad layer sizes", () => {
    expect(() => Mlp.parameterCount({ inDim: 0, hidden: [3], outDim: 1, activation: "relu" })).toThrow(/integers ≥ 1/);
  });
});

describe("Adam", () => {
  const fx = readAdamFixture();
  for (const c of fx.cases) {
    it(`${c.name}${c.maximize ? " maximize" : ""} lr ${c.lr}: follows torch.optim step by step`, () => {
      const p = Float32Array.from(fx.param0);
      const g = new Float32Array(p.length);
      const opt = new Adam(p, g, { ...c }, tsKernel);
      c.trajectory.forEach((expected, s) => {
        g.set(fx.grads[s] as number[]);
        opt.step();
        for (let i = 0; i < p.length; i++)
          expect(Math.abs((p[i] as number) - (expected[i] as number))).toBeLessThan(
            2e-7 + 2e-6 * Math.abs(expected[i] as number),
          );
      });
      expect(opt.steps).toBe(c.trajectory.length);
    });
  }

  it("rejects a bad learning rate and betas", () => {
    const p = new Float32Array(2);
    expect(() => new Adam(p, p, { lr: 0 }, tsKernel)).toThrow(/learning rate must be > 0, got 0/);
    expect(() => new Adam(p, p, { lr: 1e-3, beta2: 1 }, tsKernel)).toThrow(/beta2/);
  });

  it("a scaled learning rate takes exactly the step of an optimizer built with that rate", () => {
    // Adam's first step moves each parameter by lr · sign(g) (m̂ = g, v̂ = g²): the oracle is lr itself.
    const p = Float32Array.from([1, 2]);
    const g = Float32Array.from([0.5, -3]);
    const opt = new Adam(p, g, { lr: 0.1 }, tsKernel);
    opt.scaleLearningRate(0.25);
    expect(opt.lr).toBeCloseTo(0.025, 15);
    opt.step();
    expect(p[0]).toBeCloseTo(1 - 0.025, 6);
    expect(p[1]).toBeCloseTo(2 + 0.025, 6);
    expect(() => opt.scaleLearningRate(0)).toThrow(/factor must be in \(0, 1\]/);
    expect(() => opt.scaleLearningRate(1.5)).toThrow(/factor/);
  });
});
