import { describe, expect, it } from "vitest";
import { bound as coreBound } from "../bounds/bound.js";
import { createRng } from "../math/rng.js";
import type { BoundName } from "../types.js";
import { tsKernel } from "./ts-kernel.js";

/**
 * The kernel's float64 bounds (src/linalg/kernel-bounds.ts) and the core's (src/bounds/) were written separately
 * from BOUNDS.md; here each checks the other, value and gradient, square and rectangular, moderate and extreme.
 */
describe("kernel bounds agree with src/bounds", () => {
  const cases: [Exclude<BoundName, "mine">, number, Record<string, number>][] = [
    ["infonce", 0, {}],
    ["nwj", 0, {}],
    ["dv", 0, {}],
    ["js", 0, {}],
    ["smile", 1, { tau: 1 }],
    ["smile", 5, { tau: 5 }],
    ["alpha", 0, { alpha: 0 }],
    ["alpha", 0.4, { alpha: 0.4 }],
    ["alpha", 1, { alpha: 1 }],
  ];
  for (const [k, m, scale] of [
    [5, 5, 2],
    [3, 7, 1],
    [6, 6, 30],
  ] as const) {
    for (const [name, param, options] of cases) {
      it(`${name}(${param}) on ${k}×${m}, scores × ${scale}`, () => {
        const rng = createRng(k * 100 + m);
        const s = new Float32Array(k * m).map(() => scale * rng.normal());
        const g = new Float32Array(k * m);
        const v = tsKernel.bound(name, s, k, m, param, g);
        const ref = coreBound(name, { rows: k, cols: m, data: Float64Array.from(s) }, options);
        if (!Number.isFinite(ref.value)) {
          expect(v).toBe(ref.value);
          return;
        }
        expect(Math.abs(v - ref.value)).toBeLessThan(1e-9 * (1 + Math.abs(ref.value)));
        for (let p = 0; p < k * m; p++) {
          const r = ref.grad[p] as number;
          // The kernel's gradient is stored in float32.
          expect(Math.abs((g[p] as number) - r)).toBeLessThan(1e-7 * (1 + Math.abs(r)));
        }
      });
    }
  }
});
