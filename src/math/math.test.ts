import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectClose } from "../../test/helpers/expect-close.js";
import { digamma, digammaTable } from "./digamma.js";
import { discreteInformation, discretePmi } from "./discrete-mi.js";
import { correlationForMI, gaussianMI, gaussianMIFromCorrelation, gaussianPmi } from "./gaussian-mi.js";
import { logGamma } from "./log-gamma.js";
import { erfc, normalCdf, normalQuantile } from "./normal-distribution.js";
import { summarize } from "./summary.js";

// Oracle: SciPy/NumPy values made by test/fixtures/math/make_math.py.
const fx = JSON.parse(readFileSync(new URL("../../test/fixtures/math/math.json", import.meta.url), "utf8")) as {
  digamma: [number, number][];
  gammaln: [number, number][];
  erfc: [number, number][];
  ndtri: [number, number][];
  ndtr: [number, number][];
  gaussian: { n: number; dimX: number; cov: number[]; mi: number; x: number[]; y: number[]; pmi: number }[];
  tables: { rows: number; cols: number; table: number[]; mi: number; hX: number; hY: number; hXY: number }[];
};

describe("special functions against SciPy", () => {
  it("digamma (rtol 1e-13, atol 1e-14)", () => {
    for (const [x, v] of fx.digamma) expectClose(digamma(x), v, 1e-13, 1e-14);
  });
  it("digamma has poles at non-positive integers and a table matching the function", () => {
    expect(digamma(0)).toBeNaN();
    expect(digamma(-3)).toBeNaN();
    const t = digammaTable(200);
    for (const n of [1, 2, 7, 50, 200]) expectClose(t[n] as number, digamma(n), 1e-14, 1e-15);
  });
  it("logGamma (rtol 1e-13)", () => {
    for (const [x, v] of fx.gammaln) expectClose(logGamma(x), v, 1e-13, 1e-14);
    expect(logGamma(0)).toBeNaN();
  });
  it("erfc and Φ (rtol 1e-13; 1e-12 in the far tail, where e^{−x²} magnifies one ulp of x² by x²)", () => {
    for (const [z, v] of fx.erfc) expectClose(erfc(z), v, Math.abs(z) > 5 ? 1e-12 : 1e-13, 1e-300);
    for (const [z, v] of fx.ndtr) expectClose(normalCdf(z), v, Math.abs(z) > 5 ? 1e-12 : 1e-13, 1e-300);
  });
  it("normalQuantile (rtol 1e-12) and its edges", () => {
    for (const [p, v] of fx.ndtri) expectClose(normalQuantile(p), v, 1e-12, 1e-12);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});

describe("exact MI", () => {
  it("Gaussian log-det MI and pointwise MI match SciPy (rtol 1e-12)", () => {
    for (const g of fx.gaussian) {
      const cov = { rows: g.n, cols: g.n, data: Float64Array.from(g.cov) };
      expectClose(gaussianMI(cov, g.dimX), g.mi, 1e-12, 1e-14);
      expectClose(gaussianPmi(cov, g.dimX)(g.x, g.y), g.pmi, 1e-11, 1e-12);
    }
  });
  it("correlated pairs: closed form, and ρ for a target MI inverts it", () => {
    expectClose(gaussianMIFromCorrelation(0.5, 20), -10 * Math.log(0.75), 1e-15, 0);
    for (const mi of [0.1, 2, 10]) expectClose(gaussianMIFromCorrelation(correlationForMI(mi, 20), 20), mi, 1e-12, 0);
    const cov = { rows: 2, cols: 2, data: Float64Array.from([1, 0.6, 0.6, 1]) };
    expectClose(gaussianMI(cov, 1), -0.5 * Math.log(1 - 0.36), 1e-14, 0);
  });
  it("rejects a non-positive-definite covariance with E_VALUE and a bad ρ", () => {
    const bad = { rows: 2, cols: 2, data: Float64Array.from([1, 2, 2, 1]) };
    expect(() => gaussianMI(bad, 1)).toThrow(/not positive definite/);
    expect(() => gaussianMIFromCorrelation(1, 2)).toThrow(/rho/);
  });
  it("discrete tables: entropies and MI match NumPy (rtol 1e-13); independence gives 0", () => {
    for (const t of fx.tables) {
      const info = discreteInformation({ rows: t.rows, cols: t.cols, data: Float64Array.from(t.table) });
      expectClose(info.mi, t.mi, 1e-13, 1e-15);
      expectClose(info.hX, t.hX, 1e-13, 0);
      expectClose(info.hY, t.hY, 1e-13, 0);
      expectClose(info.hXY, t.hXY, 1e-13, 0);
      expect(Math.abs(info.hX + info.hY - info.hXY - info.mi)).toBeLessThan(1e-12);
    }
    const indep = { rows: 2, cols: 3, data: Float64Array.from([0.1, 0.2, 0.2, 0.1, 0.2, 0.2]) };
    expect(discreteInformation(indep).mi).toBeLessThan(1e-15);
    const diag = { rows: 2, cols: 2, data: Float64Array.from([0.5, 0, 0, 0.5]) };
    expectClose(discreteInformation(diag).mi, Math.LN2, 1e-15, 0);
    const pmi = discretePmi(diag);
    expect(pmi[1]).toBe(Number.NEGATIVE_INFINITY);
    expectClose(pmi[0] as number, Math.LN2, 1e-15, 0);
  });
  it("rejects negative or NaN table entries", () => {
    expect(() => discreteInformation({ rows: 1, cols: 2, data: Float64Array.from([1, -1]) })).toThrow(/≥ 0/);
    expect(() => discreteInformation({ rows: 1, cols: 2, data: Float64Array.from([1, Number.NaN]) })).toThrow();
  });
});

describe("summarize", () => {
  it("gives mean, sd and standard error as the textbook formulas", () => {
    const s = summarize([1, 2, 3, 4]);
    expect(s.mean).toBe(2.5);
    expectClose(s.sd, Math.sqrt(5 / 3), 1e-15, 0);
    expectClose(s.se, Math.sqrt(5 / 3) / 2, 1e-15, 0);
    expectClose(s.ci95[1] - s.ci95[0], 2 * 1.959963984540054 * s.se, 1e-14, 0);
  });
});
