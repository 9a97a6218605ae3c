import { describe, expect, it } from "vitest";
import { boundValueGrad64 } from "../linalg/kernel-bounds.js";
import { createRng } from "../math/rng.js";
import type { BoundName } from "../types.js";
import { bound } from "./bound.js";

// BOUNDS.md asks bounds/ and the kernels to give the same numbers. This pins bounds/ against the kernels' float64
// oracle (src/linalg/kernel-bounds.ts, written independently on the engine branch): value and gradient.
describe("bounds/ agree with the kernels' float64 bounds (rtol 1e-12, atol 1e-14)", () => {
  const cases: [Exclude<BoundName, "mine">, number][] = [
    ["infonce", 0],
    ["nwj", 0],
    ["dv", 0],
    ["js", 0],
    ["smile", 1],
    ["smile", 0],
    ["alpha", 0],
    ["alpha", 0.35],
    ["alpha", 1],
  ];
  for (const [K, M] of [
    [2, 2],
    [5, 5],
    [4, 9],
  ] as const) {
    for (const [name, param] of cases) {
      it(`${name}(${param}) on ${K}×${M}`, () => {
        const rng = createRng(K * 10 + M);
        const s = rng.fillNormal(new Float64Array(K * M)).map((v) => 2 * v);
        const grad = new Float64Array(K * M);
        const value = boundValueGrad64(name, s, K, M, param, grad, new Float64Array(2 * M));
        const options = name === "smile" ? { tau: param } : name === "alpha" ? { alpha: param } : {};
        const ours = bound(name, { rows: K, cols: M, data: s }, options);
        expect(Math.abs(ours.value - value)).toBeLessThanOrEqual(1e-14 + 1e-12 * Math.abs(value));
        for (let p = 0; p < K * M; p++) {
          const g = grad[p] as number;
          expect(Math.abs((ours.grad[p] as number) - g)).toBeLessThanOrEqual(1e-14 + 1e-12 * Math.abs(g));
        }
      });
    }
  }
});
