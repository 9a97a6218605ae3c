import { describe, expect, it } from "vitest";
import { act64 } from "../../test/helpers/activation-oracle.js";
import { checkGradient } from "../../test/helpers/check-gradient.js";
import { mlpForward64 } from "../../test/helpers/mlp-oracle.js";
import { tsKernel } from "../linalg/ts-kernel.js";
import { createRng } from "../math/rng.js";
import type { Activation } from "../types.js";
import { ConcatCritic } from "./concat-critic.js";
import { type CriticSpec, createCritic } from "./create-critic.js";
import { SeparableCritic } from "./separable-critic.js";

/** Independent float64 scores of the separable critic, from its flat parameters (same order as the class). */
function separable64(
  spec: CriticSpec,
  params: Float64Array,
  x: Float64Array,
  y: Float64Array,
  k: number,
): Float64Array {
  const { dimX, dimY, hidden, embed, activation, similarity } = spec;
  const learn = spec.learnTemperature ?? similarity === "cosine";
  const dimsX = [dimX, ...hidden, embed];
  const dimsY = [dimY, ...hidden, embed];
  const rowOf = (a: Float64Array, i: number, d: number) => a.subarray(i * d, (i + 1) * d);
  let offY = 0;
  const us = Array.from({ length: k }, (_, i) => {
    const { out, next } = mlpForward64(params, 0, dimsX, activation, rowOf(x, i, dimX), 1);
    offY = next;
    return out;
  });
  let after = 0;
  const vs = Array.from({ length: k }, (_, j) => {
    const { out, next } = mlpForward64(params, offY, dimsY, activation, rowOf(y, j, dimY), 1);
    after = next;
    return out;
  });
  const wOff = after;
  const tOff = after + (similarity === "bilinear" ? embed * embed : 0);
  const tau = spec.temperature ?? (similarity === "cosine" ? 0.07 : 1);
  const scale = learn ? Math.exp(params[tOff] as number) : 1 / tau;
  const norm = (a: Float64Array) => Math.sqrt(a.reduce((t, v) => t + v * v, 0));
  const s = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const u = us[i] as Float64Array;
      const v = vs[j] as Float64Array;
      let dot = 0;
      if (similarity === "bilinear") {
        for (let a = 0; a < embed; a++)
          for (let b = 0; b < embed; b++)
            dot += (u[a] as number) * (params[wOff + a * embed + b] as number) * (v[b] as number);
      } else {
        for (let a = 0; a < embed; a++) dot += (u[a] as number) * (v[a] as number);
        if (similarity === "cosine") dot /= Math.max(norm(u), 1e-12) * Math.max(norm(v), 1e-12);
      }
      s[i * k + j] = scale * dot;
    }
  }
  return s;
}

/** Independent float64 scores of the concat critic: the plain MLP on [x_i, y_j] for every pair. */
function concat64(spec: CriticSpec, params: Float64Array, x: Float64Array, y: Float64Array, k: number): Float64Array {
  const { dimX, dimY, hidden, activation } = spec;
  const h = hidden[0] as number;
  const wx = 0;
  const wy = h * dimX;
  const b1 = wy + h * dimY;
  const restOff = b1 + h;
  const s = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const first = Array.from({ length: h }, (_, o) => {
        let z = params[b1 + o] as number;
        for (let c = 0; c < dimX; c++) z += (params[wx + o * dimX + c] as number) * (x[i * dimX + c] as number);
        for (let c = 0; c < dimY; c++) z += (params[wy + o * dimY + c] as number) * (y[j * dimY + c] as number);
        return act64[activation](z);
      });
      const { out } = mlpForward64(params, restOff, [h, ...hidden.slice(1), 1], activation, first, 1);
      s[i * k + j] = out[0] as number;
    }
  }
  return s;
}

const base = { dimX: 3, dimY: 2, hidden: [5, 4], embed: 3, activation: "tanh" as Activation };
const specs: CriticSpec[] = [
  { ...base, critic: "separable", similarity: "dot" },
  { ...base, critic: "separable", similarity: "dot", temperature: 0.5, learnTemperature: true },
  { ...base, critic: "separable", similarity: "cosine" },
  { ...base, critic: "separable", similarity: "cosine", temperature: 0.2, learnTemperature: false },
  { ...base, critic: "separable", similarity: "bilinear", activation: "elu" },
  { ...base, critic: "concat", similarity: "dot" },
  { ...base, critic: "concat", similarity: "dot", hidden: [6], activation: "softplus" },
  { ...base, critic: "concat", similarity: "dot", activation: "relu" },
];

describe("critics", () => {
  const k = 4;
  for (const spec of specs) {
    const label = `${spec.critic} ${spec.critic === "separable" ? spec.similarity : ""} ${spec.activation} hidden [${spec.hidden}]${spec.learnTemperature ? " learned τ" : ""}`;
    it(`${label}: scores match float64; ∂L/∂θ matches central differences`, () => {
      const critic = createCritic(spec, createRng(5), tsKernel);
      expect(critic.parameters.remaining).toBe(0);
      const rng = createRng(6);
      const x = new Float32Array(k * spec.dimX).map(() => rng.normal());
      const y = new Float32Array(k * spec.dimY).map(() => rng.normal());
      const g = new Float64Array(k * k).map(() => rng.normal());
      const ref = spec.critic === "concat" ? concat64 : separable64;
      const p64 = Float64Array.from(critic.parameters.values);
      const x64 = Float64Array.from(x);
      const y64 = Float64Array.from(y);
      const s = critic.scores(x, y, k);
      const s64 = ref(spec, p64, x64, y64, k);
      for (let q = 0; q < k * k; q++)
        expect(Math.abs((s[q] as number) - (s64[q] as number))).toBeLessThan(1e-5 * (1 + Math.abs(s64[q] as number)));
      critic.backward(Float32Array.from(g));
      const loss = (pp: Float64Array) => ref(spec, pp, x64, y64, k).reduce((t, v, q) => t + v * (g[q] as number), 0);
      checkGradient(p64, loss, critic.parameters.grads, { h: 1e-6, atol: 5e-5, rtol: 1e-4, what: "parameter" });
    });
  }

  it("clamps a learnable log-scale into [0, ln 100] as open_clip does", () => {
    const c = new SeparableCritic(
      { ...base, similarity: "cosine", temperature: 0.001, learnTemperature: true },
      createRng(1),
      tsKernel,
    );
    expect(c.temperature).toBeCloseTo(0.01, 6); // τ = 0.001 clamps to 1/100
    const t = c.parameters.values;
    t[t.length - 1] = -3;
    c.afterStep();
    expect(c.temperature).toBeCloseTo(1, 6);
  });

  it("concat critic keeps its buffers across batches of the same K and rejects an empty hidden list", () => {
    const c = new ConcatCritic({ dimX: 2, dimY: 2, hidden: [3], activation: "relu" }, createRng(2), tsKernel);
    const x = new Float32Array(6);
    const s1 = c.scores(x, x, 3);
    const s2 = c.scores(x, x, 3);
    expect(s2).toBe(s1);
    expect(
      () => new ConcatCritic({ dimX: 2, dimY: 2, hidden: [], activation: "relu" }, createRng(2), tsKernel),
    ).toThrow(/at least one hidden layer/);
  });
});
