import { describe, expect, it } from "vitest";
import { createRng } from "../math/rng.js";
import type { Matrix } from "../types.js";
import { copulaTransform } from "./copula.js";
import {
  COPULA_TEST_REPLICATES,
  COPULA_TEST_ROWS_PER_DIM,
  COPULA_TEST_WORK,
  copulaKurtosis,
} from "./copula-kurtosis.js";

/** n rows of a (dx + dy)-dimensional law: x ~ N(0, I), y = ρ x + √(1 − ρ²) ε, each row scaled by `scale(rng)`. */
function sample(seed: number, n: number, dx: number, rho: number, scale: (u: number) => number) {
  const rng = createRng(seed);
  const x = new Float64Array(n * dx);
  const y = new Float64Array(n * dx);
  for (let i = 0; i < n; i++) {
    const s = scale(rng.uniform());
    for (let c = 0; c < dx; c++) {
      const a = rng.normal();
      x[i * dx + c] = s * a;
      y[i * dx + c] = s * (rho * a + Math.sqrt(1 - rho * rho) * rng.normal());
    }
  }
  return { x: { rows: n, cols: dx, data: x }, y: { rows: n, cols: dx, data: y } };
}

/** b₂ the textbook way, as an oracle: S⁻¹ by Gauss–Jordan elimination, then the mean of the squared quadratic forms. */
function b2ByInverse(x: Matrix<Float64Array>, y: Matrix<Float64Array>): number {
  const sx = copulaTransform(x);
  const sy = copulaTransform(y);
  const n = x.rows;
  const d = x.cols + y.cols;
  const row = (i: number) => [
    ...sx.data.subarray(i * x.cols, (i + 1) * x.cols),
    ...sy.data.subarray(i * y.cols, (i + 1) * y.cols),
  ];
  const rows = Array.from({ length: n }, (_, i) => row(i));
  const mean = Array.from({ length: d }, (_, c) => rows.reduce((s, r) => s + r[c]!, 0) / n);
  const centred = rows.map((r) => r.map((v, c) => v - mean[c]!));
  const a = Array.from({ length: d }, (_, p) =>
    Array.from({ length: 2 * d }, (_, q) =>
      q < d ? centred.reduce((s, r) => s + r[p]! * r[q]!, 0) / n : q - d === p ? 1 : 0,
    ),
  );
  for (let p = 0; p < d; p++) {
    const pivot = a[p]![p]!;
    for (let q = 0; q < 2 * d; q++) a[p]![q]! /= pivot;
    for (let r = 0; r < d; r++) {
      if (r === p) continue;
      const f = a[r]![p]!;
      for (let q = 0; q < 2 * d; q++) a[r]![q]! -= f * a[p]![q]!;
    }
  }
  const inv = a.map((r) => r.slice(d));
  let b2 = 0;
  for (const v of centred) {
    let m = 0;
    for (let p = 0; p < d; p++) for (let q = 0; q < d; q++) m += v[p]! * inv[p]![q]! * v[q]!;
    b2 += (m * m) / n;
  }
  return b2;
}

describe("copulaKurtosis (Mardia's test on the normal scores)", () => {
  it("computes b₂ as the textbook formula does, and z from the drawn null's mean and spread", () => {
    const { x, y } = sample(3, 400, 3, 0.7, () => 1);
    const k = copulaKurtosis(x, y);
    expect(k).not.toBeNull();
    expect(k!.b2).toBeCloseTo(b2ByInverse(x, y), 9);
    expect(k!.z).toBeCloseTo((k!.b2 - k!.expected) / k!.sd, 12);
    expect(k!.rows).toBe(400);
    // The drawn null sits near Mardia's Gaussian mean d(d + 2)(n − 1)/(n + 1) where columns are not collinear.
    expect(Math.abs(k!.expected - (6 * 8 * 399) / 401)).toBeLessThan(2 * Math.sqrt((8 * 6 * 8) / 400));
    expect(copulaKurtosis(x, y, 0)).toEqual(k);
  });

  it("stays near 0 for a Gaussian copula whose columns are nearly collinear (ranks quantise what is left)", () => {
    // Each side: x₀ = z₀, x_a = √c z₀ + √(1 − c) z_a (columns correlated 0.999 and more), then exp: a linear map of a
    // Gaussian and increasing maps of columns, so a Gaussian copula. Mardia's asymptotic null put z at 10–50 here.
    const c = 0.999;
    const zs: number[] = [];
    for (let seed = 0; seed < 4; seed++) {
      const { x, y } = sample(seed, 5000, 5, 0.8, () => 1);
      const mixed = (m: Matrix<Float64Array>) => {
        const out = new Float64Array(m.data.length);
        for (let i = 0; i < m.rows; i++) {
          const z0 = m.data[i * m.cols] as number;
          for (let a = 0; a < m.cols; a++) {
            const za = m.data[i * m.cols + a] as number;
            out[i * m.cols + a] = Math.exp(a === 0 ? z0 : Math.sqrt(c) * z0 + Math.sqrt(1 - c) * za);
          }
        }
        return { ...m, data: out };
      };
      zs.push(copulaKurtosis(mixed(x), mixed(y), seed)!.z);
    }
    // The drawn null is skewed where columns are this collinear: single samples near 3 occur, none far above.
    expect(Math.max(...zs.map(Math.abs))).toBeLessThan(4);
    expect(zs.reduce((s, z) => s + Math.abs(z), 0) / zs.length).toBeLessThan(1.5);
  });

  it("stays near 0 for a Gaussian copula, even under increasing warps of each column", () => {
    const zs: number[] = [];
    for (let seed = 0; seed < 12; seed++) {
      const { x, y } = sample(seed, 3000, 10, 0.8, () => 1);
      const warp = (m: Matrix<Float64Array>) => ({ ...m, data: m.data.map((v) => Math.sinh(v) + v ** 3) });
      zs.push(copulaKurtosis(warp(x), warp(y))!.z);
    }
    expect(Math.max(...zs.map(Math.abs))).toBeLessThan(3);
    expect(Math.abs(zs.reduce((s, z) => s + z, 0) / zs.length)).toBeLessThan(1);
  });

  it("is far above 0 for a t copula (a shared random scale: heavy joint tails)", () => {
    // Scale 1/√(χ²₃/3) per row would be a t with 3 degrees of freedom; a two-point scale mixture does the same job.
    for (let seed = 0; seed < 3; seed++) {
      const { x, y } = sample(seed, 3000, 10, 0.8, (u) => (u < 0.8 ? 0.7 : 2));
      expect(copulaKurtosis(x, y)!.z).toBeGreaterThan(10);
    }
  });

  it("tests wide tables on as many rows as COPULA_TEST_WORK buys, and none below COPULA_TEST_ROWS_PER_DIM", () => {
    const { x, y } = sample(4, 3000, 50, 0.5, () => 1);
    const affordable = Math.floor(COPULA_TEST_WORK / ((COPULA_TEST_REPLICATES + 1) * 100 * 100));
    const k = copulaKurtosis(x, y);
    expect(affordable).toBeLessThan(3000);
    expect(k!.rows).toBe(affordable);
    expect(Math.abs(k!.z)).toBeLessThan(3);
    const wide = sample(5, 1000, 100, 0.5, () => 1);
    expect(COPULA_TEST_ROWS_PER_DIM * 200).toBeGreaterThan(
      COPULA_TEST_WORK / ((COPULA_TEST_REPLICATES + 1) * 200 * 200),
    );
    expect(copulaKurtosis(wide.x, wide.y)).toBeNull();
  });

  it("returns null where the normal scores are singular (a column repeated on the other side)", () => {
    const { x } = sample(1, 200, 3, 0.5, () => 1);
    expect(copulaKurtosis(x, x)).toBeNull();
  });
});
