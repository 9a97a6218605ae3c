import { describe, expect, it } from "vitest";
import { minimizeLbfgs } from "./lbfgs.js";

describe("minimizeLbfgs", () => {
  it("finds Rosenbrock's minimum (1, 1) from (−1.2, 1)", () => {
    const x = Float64Array.from([-1.2, 1]);
    const r = minimizeLbfgs((p, g) => {
      const [a, b] = [p[0] as number, p[1] as number];
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    }, x);
    expect(r.converged).toBe(true);
    expect(x[0]).toBeCloseTo(1, 6);
    expect(x[1]).toBeCloseTo(1, 6);
  });
  it("solves a badly scaled quadratic exactly and stops at a non-finite value instead of looping", () => {
    const scale = [1, 1e3, 1e-2, 50];
    const x = new Float64Array(4).fill(3);
    const r = minimizeLbfgs((p, g) => {
      let f = 0;
      for (let i = 0; i < 4; i++) {
        const d = (p[i] as number) - i;
        f += 0.5 * (scale[i] as number) * d * d;
        g[i] = (scale[i] as number) * d;
      }
      return f;
    }, x);
    expect(r.converged).toBe(true);
    for (let i = 0; i < 4; i++) expect(x[i]).toBeCloseTo(i, 5);
    const bad = minimizeLbfgs((_p, g) => {
      g.fill(1);
      return Number.NaN;
    }, new Float64Array(2));
    expect(bad.converged).toBe(false);
    expect(bad.iterations).toBe(0);
  });
});
