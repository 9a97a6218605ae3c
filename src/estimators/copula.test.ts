import { describe, expect, it } from "vitest";
import { gramSums } from "../math/gram-sums.js";
import { normalQuantile } from "../math/normal-distribution.js";
import { createRng } from "../math/rng.js";
import type { Matrix } from "../types.js";
import { copulaTransform, tiedShare } from "./copula.js";
import { discreteTerms } from "./discrete.js";
import { ksgEstimator, ksgValue } from "./ksg.js";

const column = (data: Float64Array): Matrix<Float64Array> => ({ rows: data.length, cols: 1, data });

/** Spearman's correlation of two tie-free columns of scores. */
function rankCorrelation(a: Float64Array, b: Float64Array): number {
  const [saa, sbb, sab] = gramSums(a, b, a.length);
  return sab / Math.sqrt(saa * sbb);
}

/** Independent integer "age" (18–85) and income rounded to thousands: heavy ties on both sides, MI 0. */
function tiedIndependent(n: number, seed: number): { x: Matrix<Float64Array>; y: Matrix<Float64Array> } {
  const rng = createRng(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = 18 + rng.int(68);
    y[i] = Math.round(Math.exp(10.5 + 0.6 * rng.normal()) / 1000) * 1000;
  }
  return { x: column(x), y: column(y) };
}

describe("copulaTransform's tie rules", () => {
  it("random: every rank once, the untied values as with average ranks, the same scores for the same data", () => {
    const rng = createRng(3);
    const n = 500;
    const data = new Float64Array(n);
    for (let i = 0; i < n; i++) data[i] = i % 3 === 0 ? rng.int(5) : rng.normal();
    const avg = copulaTransform(column(data), "average").data;
    const rnd = copulaTransform(column(data), "random").data;
    const expected = Array.from({ length: n }, (_, r) => normalQuantile((r + 1) / (n + 1)));
    expect(Array.from(rnd).sort((a, b) => a - b)).toEqual(expected);
    const counts = new Map<number, number>();
    for (const v of data) counts.set(v, (counts.get(v) ?? 0) + 1);
    let untied = 0;
    for (let i = 0; i < n; i++) {
      if (counts.get(data[i] as number) === 1) {
        expect(rnd[i]).toBe(avg[i]);
        untied++;
      }
    }
    expect(untied).toBeGreaterThan(300);
    expect(copulaTransform(column(data.slice()), "random").data).toEqual(rnd);
    // Order is kept between different values: ties are only ordered among themselves.
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j += 7) {
        if ((data[i] as number) < (data[j] as number)) expect(rnd[i] as number).toBeLessThan(rnd[j] as number);
      }
    }
  });

  it("random: two tied columns are put in unrelated orders (one key for both would line them up)", () => {
    const n = 4000;
    const a = copulaTransform(column(new Float64Array(n).fill(1)), "random").data;
    const b = copulaTransform(column(new Float64Array(n).fill(2)), "random").data;
    // Independent orders: Spearman's ρ ~ N(0, 1/n); 4/√n is four standard deviations.
    expect(Math.abs(rankCorrelation(a, b))).toBeLessThan(4 / Math.sqrt(n));
  });
});

describe("copulaTransform's jittered scores", () => {
  it("jitter: the scores of random ties, each moved by less than half a central rank's width, variance about 1", () => {
    const rng = createRng(4);
    const n = 20_000;
    const data = Float64Array.from({ length: n }, (_, i) => (i % 4 === 0 ? rng.int(7) : rng.normal()));
    const rnd = copulaTransform(column(data), "random").data;
    const jittered = copulaTransform(column(data), "jitter").data;
    const half = Math.sqrt(2 * Math.PI) / (n + 1) / 2;
    let moved = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const shift = (jittered[i] as number) - (rnd[i] as number);
      expect(Math.abs(shift)).toBeLessThan(half);
      moved += Math.abs(shift);
      squares += (jittered[i] as number) ** 2;
    }
    // Uniform over (−half, half): mean |shift| = half/2.
    expect(moved / n).toBeGreaterThan(0.45 * half);
    expect(moved / n).toBeLessThan(0.55 * half);
    expect(Math.abs(squares / n - 1)).toBeLessThan(0.01);
    expect(copulaTransform(column(data.slice()), "jitter").data).toEqual(jittered);
  });

  it("jitter: an increasing function of a column no longer has that column's scores", () => {
    const x = Float64Array.from({ length: 29 }, (_, i) => i);
    const y = x.map((v) => Math.exp(v / 5));
    const exact = copulaTransform(column(x), "random").data;
    expect(copulaTransform(column(y), "random").data).toEqual(exact);
    const jittered = copulaTransform(column(y), "jitter").data;
    let worst = 0;
    for (let i = 0; i < 29; i++) worst = Math.max(worst, Math.abs((jittered[i] as number) - (exact[i] as number)));
    expect(worst).toBeGreaterThan(0.01);
  });
});

describe("KSG on tied columns (copula with random ties)", () => {
  it("reads independent tied columns as independent, where average ranks read a false positive", () => {
    for (const seed of [1, 2]) {
      const { x, y } = tiedIndependent(2000, seed);
      expect(Math.abs(ksgValue(x, y, 3, 1, "copula"))).toBeLessThan(0.03);
      const averaged = ksgValue(copulaTransform(x, "average"), copulaTransform(y, "average"), 3, 1, "none");
      expect(averaged).toBeGreaterThan(0.1);
    }
  });

  it("keeps the MI of a quantised Gaussian pair: the closed form for signs, the plug-in for 5 × 4 levels", () => {
    const rng = createRng(7);
    const n = 8000;
    const rho = 0.8;
    const signs = { x: new Float64Array(n), y: new Float64Array(n) };
    const levels = { x: new Float64Array(n), y: new Float64Array(n) };
    for (let i = 0; i < n; i++) {
      const z1 = rng.normal();
      const z2 = rho * z1 + Math.sqrt(1 - rho * rho) * rng.normal();
      signs.x[i] = z1 > 0 ? 1 : 0;
      signs.y[i] = z2 > 0 ? 1 : 0;
      levels.x[i] = Math.max(-2, Math.min(2, Math.round(z1)));
      levels.y[i] = Math.max(-2, Math.min(1, Math.round(1.5 * z2)));
    }
    // P(same sign) = 1/2 + arcsin(ρ)/π (Sheppard); two fair bits agreeing with probability p share ln 2 − h(p).
    const p = 0.5 + Math.asin(rho) / Math.PI;
    const exact = Math.log(2) + p * Math.log(p) + (1 - p) * Math.log(1 - p);
    expect(Math.abs(ksgValue(column(signs.x), column(signs.y), 3, 1, "copula") - exact)).toBeLessThan(0.02);
    const codes = (v: Float64Array, lo: number) => Int32Array.from(v, (t) => t - lo);
    const plugIn = discreteTerms(codes(levels.x, -2), codes(levels.y, -2), 5, 4).millerMadow;
    expect(Math.abs(ksgValue(column(levels.x), column(levels.y), 3, 1, "copula") - plugIn)).toBeLessThan(0.03);
  });
});

describe("the ties warning of KSG on raw scales", () => {
  it("names the tied side and the remedy without copula, and is absent with it or on continuous data", async () => {
    const { x, y } = tiedIndependent(1000, 4);
    const rng = createRng(5);
    const smooth = column(rng.fillNormal(new Float64Array(1000)));
    expect(tiedShare(x)).toBe(1);
    expect(tiedShare(smooth)).toBe(0);
    const raw = await ksgEstimator.estimate({ x, y: smooth }, { uncertainty: "none" });
    const tied = raw.warnings.filter((w) => w.startsWith("ties in "));
    expect(tied).toHaveLength(1);
    expect(tied[0]).toMatch(/^ties in x \(100% of rows tied in a column\): ksg .* copula: true/);
    const withCopula = await ksgEstimator.estimate({ x, y }, { uncertainty: "none", copula: true });
    expect(withCopula.warnings.filter((w) => w.startsWith("ties in "))).toEqual([]);
    const continuous = await ksgEstimator.estimate({ x: smooth, y: smooth }, { uncertainty: "none" });
    expect(continuous.warnings.filter((w) => w.startsWith("ties in "))).toEqual([]);
  });
});
