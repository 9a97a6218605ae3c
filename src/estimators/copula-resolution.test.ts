import { describe, expect, it } from "vitest";
import { createRng } from "../math/rng.js";
import { autoEstimator } from "./auto.js";
import { gaussianEstimator } from "./gaussian.js";

/**
 * 3+3: x ~ N(0, I), y = A x + σ ε (A = [[1, .5, 0], [0, 1, .5], [.5, 0, 1]]), each y column warped by exp. Oracle:
 * I = ½ log det(A Aᵀ + σ² I) − 3 log σ, by the closed form of a 3×3 determinant.
 */
function linear(n: number, sigma: number, seed: number) {
  const A = [
    [1, 0.5, 0],
    [0, 1, 0.5],
    [0.5, 0, 1],
  ];
  const rng = createRng(seed);
  const x = new Float64Array(n * 3);
  const y = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) x[i * 3 + c] = rng.normal();
    for (let r = 0; r < 3; r++) {
      let v = sigma * rng.normal();
      for (let c = 0; c < 3; c++) v += (A[r]![c] as number) * (x[i * 3 + c] as number);
      y[i * 3 + r] = Math.exp(v);
    }
  }
  const S = A.map((row, r) =>
    A.map((other, c) => row.reduce((s, v, k) => s + v * (other[k] as number), 0) + (r === c ? sigma * sigma : 0)),
  );
  const det3 = (m: number[][]) =>
    m[0]![0]! * (m[1]![1]! * m[2]![2]! - m[1]![2]! * m[2]![1]!) -
    m[0]![1]! * (m[1]![0]! * m[2]![2]! - m[1]![2]! * m[2]![0]!) +
    m[0]![2]! * (m[1]![0]! * m[2]![1]! - m[1]![1]! * m[2]![0]!);
  const truth = 0.5 * Math.log(det3(S)) - 3 * Math.log(sigma);
  return { sample: { x: { rows: n, cols: 3, data: x }, y: { rows: n, cols: 3, data: y } }, truth };
}

describe("the Gaussian-copula estimate flags a dependence finer than its ranks resolve", () => {
  it("y = Ax + 10⁻³ε (about 21 nats): saturated, with the warning, far below the truth", async () => {
    const { sample, truth } = linear(4000, 1e-3, 1);
    const e = await gaussianEstimator.estimate(sample, { copula: true });
    expect(truth).toBeGreaterThan(e.estimate + 5);
    expect(e.saturated).toBe(true);
    expect(e.warnings.join(" ")).toMatch(
      /saturated: the Gaussian-copula estimate still rises with the rows .* lower bound/,
    );
    const a = await autoEstimator.estimate(sample);
    expect(a.settings.choice).toBe("gaussian");
    expect(a.saturated).toBe(true);
  });

  it("a Gaussian copula the rows support (σ 0.3): not flagged, and close to the closed form", async () => {
    const { sample, truth } = linear(4000, 0.3, 2);
    const e = await gaussianEstimator.estimate(sample, { copula: true });
    expect(e.saturated).toBe(false);
    expect(Math.abs(e.estimate - truth)).toBeLessThan(0.1);
  });
});
