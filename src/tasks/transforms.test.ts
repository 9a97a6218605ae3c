import { describe, expect, it } from "vitest";
import { expectCode } from "../../test/helpers/expect-code.js";
import type { Matrix } from "../types.js";
import { TASKS } from "./registry.js";
import type { TransformedTask } from "./transformed-task.js";
import { asinhMap, halfCube, normalCdfMap, type RowMap, spiral, swissRoll, wigglyX, wigglyY } from "./transforms.js";

const scalar = (m: RowMap, t: number): number => {
  const out = new Float64Array(1);
  m.apply(Float64Array.of(t), out);
  return out[0] as number;
};
const scalarInv = (m: RowMap, s: number): number => {
  const out = new Float64Array(1);
  m.invert(Float64Array.of(s), out);
  return out[0] as number;
};

describe("coordinate maps", () => {
  it("have their defining values", () => {
    expect(scalar(halfCube, 4)).toBe(8);
    expect(scalar(halfCube, -4)).toBe(-8);
    expect(scalar(asinhMap, Math.sinh(1.5))).toBeCloseTo(1.5, 15);
    expect(scalar(normalCdfMap, 0)).toBe(0.5);
    expect(scalar(normalCdfMap, -1.959963984540054)).toBeCloseTo(0.025, 15);
    expect(scalar(wigglyX, 0)).toBeCloseTo(0.2 * Math.sin(1) + 0.03 * Math.sin(-2.5), 15);
  });

  it("are strictly increasing and invert to 1e-12 on a grid over [−20, 20]", () => {
    for (const m of [halfCube, asinhMap, wigglyX, wigglyY]) {
      let prev = Number.NEGATIVE_INFINITY;
      for (let t = -20; t <= 20; t += 0.01) {
        const s = scalar(m, t);
        expect(s).toBeGreaterThan(prev);
        prev = s;
        expect(Math.abs(scalarInv(m, s) - t)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(t)));
      }
    }
    // Φ is increasing everywhere but saturates to 1 in float64 beyond ~8.3: invert where 1 − Φ(t) is resolved.
    for (let t = -8; t <= 5; t += 0.01) {
      expect(Math.abs(scalarInv(normalCdfMap, scalar(normalCdfMap, t)) - t)).toBeLessThan(1e-8);
    }
  });

  it("spiral: rotates by speed·‖v‖² in its plane, keeps the norm and the other coordinates, inverts", () => {
    const m = spiral(1, 2, 0.25);
    const v = Float64Array.of(0.3, 1, 2, -0.7);
    const out = new Float64Array(4);
    m.apply(v, out);
    const r2 = 0.09 + 1 + 4 + 0.49;
    const th = 0.25 * r2;
    expect(out[0]).toBe(0.3);
    expect(out[3]).toBe(-0.7);
    expect(out[1]).toBeCloseTo(Math.cos(th) * 1 - Math.sin(th) * 2, 14);
    expect(out[2]).toBeCloseTo(Math.sin(th) * 1 + Math.cos(th) * 2, 14);
    expect(Math.hypot(...out)).toBeCloseTo(Math.hypot(...v), 14);
    const back = new Float64Array(4);
    m.invert(out, back);
    for (let i = 0; i < 4; i++) expect(back[i]).toBeCloseTo(v[i] as number, 14);
    expectCode(() => spiral(1, 1, 1), "E_ARG", /0 ≤ i < j/);
    expectCode(() => m.dimOut(2), "E_ARG", /dimension > 2/);
  });

  it("Swiss roll embeds (0, 1) into ℝ² one-to-one and inverts; it needs 1-D input", () => {
    const out = new Float64Array(2);
    const back = new Float64Array(1);
    for (let u = 0.001; u < 1; u += 0.001) {
      swissRoll.apply(Float64Array.of(u), out);
      swissRoll.invert(out, back);
      expect(Math.abs((back[0] as number) - u)).toBeLessThan(1e-13);
    }
    expectCode(() => swissRoll.dimOut(2), "E_ARG", /1 dimension to 2/);
  });
});

const transformed = Object.values(TASKS).filter((t): t is TransformedTask => "base" in t);

function row(m: Matrix<Float64Array>, r: number): Float64Array {
  return m.data.subarray(r * m.cols, (r + 1) * m.cols);
}

describe("transformed tasks", () => {
  it("exist for half-cube, asinh, normal CDF, spiral, wiggly and Swiss roll", () => {
    const kinds = new Set(transformed.flatMap((t) => [t.params.transformX, t.params.transformY]));
    for (const k of ["half_cube", "asinh", "normal_cdf", "spiral", "wiggly", "swissroll"]) expect(kinds).toContain(k);
  });

  it.each(transformed.map((t) => [t.name, t] as const))(
    "%s: applies its maps to the base sample of the same seed, invertibly, keeping the MI",
    (_name, t: TransformedTask) => {
      expect(t.trueMI).toBe(t.base.trueMI);
      const n = 3000;
      const s = t.sample(n, 5);
      const b = t.base.sample(n, 5);
      const mapX = String(t.params.transformX);
      const mapY = String(t.params.transformY);
      for (const [side, map] of [
        ["x", mapX],
        ["y", mapY],
      ] as const) {
        const got = s[side];
        const base = b[side];
        expect(got.rows).toBe(n);
        if (map === "identity") {
          expect(Array.from(got.data)).toEqual(Array.from(base.data));
          continue;
        }
        // The map was applied: the sample moved away from the base sample.
        let moved = 0;
        for (let i = 0; i < Math.min(got.data.length, base.data.length); i++) {
          moved = Math.max(moved, Math.abs((got.data[i] as number) - (base.data[i] as number)));
        }
        if (map !== "swissroll") expect(moved).toBeGreaterThan(0.05);
        // Invertible: inverting each row gives the base row back (rows where Φ rounded to 1 excepted).
        const f = t.maps[side] as RowMap;
        const back = new Float64Array(base.cols);
        let checked = 0;
        let worst = 0;
        for (let r = 0; r < n; r++) {
          const g = row(got, r);
          if (map === "normal_cdf" && g.some((v) => 1 - v < 1e-9)) continue;
          f.invert(g, back);
          const want = row(base, r);
          for (let j = 0; j < base.cols; j++) {
            const w = want[j] as number;
            worst = Math.max(worst, Math.abs((back[j] as number) - w) / Math.max(1, Math.abs(w)));
          }
          checked++;
        }
        expect(worst).toBeLessThan(1e-7);
        expect(checked).toBeGreaterThan(0.95 * n);
        // Coordinate-wise maps are monotone: each column keeps the base sample's order.
        if (map !== "spiral" && map !== "swissroll") {
          for (let j = 0; j < base.cols; j++) {
            const order = Array.from({ length: n }, (_, i) => i).sort(
              (p, q) => (base.data[p * base.cols + j] as number) - (base.data[q * base.cols + j] as number),
            );
            let nonDecreasing = true;
            for (let k = 1; k < n; k++) {
              const prev = got.data[(order[k - 1] as number) * got.cols + j] as number;
              const cur = got.data[(order[k] as number) * got.cols + j] as number;
              if (cur < prev) nonDecreasing = false;
            }
            expect(nonDecreasing).toBe(true);
          }
        }
        if (map === "spiral") {
          let worstNorm = 0;
          for (let r = 0; r < n; r++) {
            worstNorm = Math.max(worstNorm, Math.abs(Math.hypot(...row(got, r)) - Math.hypot(...row(base, r))));
          }
          expect(worstNorm).toBeLessThan(1e-9);
        }
      }
    },
  );
});
