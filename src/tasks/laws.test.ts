import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectCode } from "../../test/helpers/expect-code.js";
import { cholesky, logDetFromCholesky, principalBlock, solveLowerInPlace } from "../math/cholesky.js";
import { discreteMI } from "../math/discrete-mi.js";
import { logGamma } from "../math/log-gamma.js";
import { summarize } from "../math/summary.js";
import type { Matrix } from "../types.js";
import { additiveUniformMI, additiveUniformTask } from "./additive-uniform-task.js";
import { denseCovariance, sparseCovariance } from "./gaussian-covariances.js";
import { mixtureGaussianMI } from "./mixed-task.js";
import { getTask } from "./registry.js";
import { studentTMICorrection } from "./student-t-mi.js";
import { studentTTask } from "./student-t-task.js";

// Oracle: NumPy/SciPy values made by test/fixtures/tasks/make_tasks.py (closed forms with scipy.special, Monte
// Carlo with scipy.stats densities, adaptive quadrature).
const fx = JSON.parse(readFileSync(new URL("../../test/fixtures/tasks/tasks.json", import.meta.url), "utf8")) as {
  student: {
    dimX: number;
    dimY: number;
    nu: number;
    dispersion: number[];
    mi: number;
    correction: number;
    mcMean: number;
    mcSe: number;
  }[];
  corrections: { dimX: number; dimY: number; nu: number; correction: number }[];
  gaussian: { name: string; mi: number; cov: number[] | null }[];
  additive: { epsilon: number; mi: number }[];
  mixed: { weights: number[]; means: number[]; sds: number[]; mi: number }[];
  discrete: { table: number[]; rows: number; cols: number; mi: number };
};

/** log density of the d-variate Student-t t_ν(0, Ψ) at z, from the Cholesky factor of Ψ (written independently). */
function studentLogDensity(l: Float64Array, d: number, nu: number, z: Float64Array): number {
  const w = solveLowerInPlace(l, d, Float64Array.from(z));
  let q = 0;
  for (let i = 0; i < d; i++) q += (w[i] as number) ** 2;
  return (
    logGamma((nu + d) / 2) -
    logGamma(nu / 2) -
    (d / 2) * Math.log(nu * Math.PI) -
    0.5 * logDetFromCholesky(l, d) -
    ((nu + d) / 2) * Math.log1p(q / nu)
  );
}

describe("Student-t", () => {
  it("the correction and the full MI match SciPy's closed form (atol 1e-11)", () => {
    for (const c of fx.student) {
      expect(studentTMICorrection(c.dimX, c.dimY, c.nu)).toBeCloseTo(c.correction, 11);
      const d = c.dimX + c.dimY;
      const t = studentTTask({
        name: "fixture",
        description: "fixture case",
        dispersion: { rows: d, cols: d, data: Float64Array.from(c.dispersion) },
        dimX: c.dimX,
        nu: c.nu,
      });
      expect(t.trueMI).toBeCloseTo(c.mi, 11);
      // The fixture's own Monte Carlo check of the closed form (scipy.stats densities, 400k draws).
      expect(Math.abs(c.mcMean - c.mi)).toBeLessThan(4 * c.mcSe);
    }
    // Non-integer ν and large dimensions; at ν = 1e4 the entropies cancel to ~5e-9, so compare absolutely.
    for (const c of fx.corrections) {
      expect(Math.abs(studentTMICorrection(c.dimX, c.dimY, c.nu) - c.correction)).toBeLessThan(1e-10);
    }
  });

  it.each(["student-identity-1-1-1", "student-identity-2-2-1", "student-identity-3-3-3", "student-dense-3-3-3-0.5"])(
    "%s: the mean pointwise MI of its own sample gives trueMI (Monte Carlo, 4 se)",
    (name) => {
      const t = getTask(name);
      const d = t.dimX + t.dimY;
      const nu = t.params.nu as number;
      const dispersion = name.includes("dense")
        ? denseCovariance(t.dimX, t.dimY, 0.5)
        : denseCovariance(t.dimX, t.dimY, 0);
      const l = cholesky(dispersion);
      const lx = cholesky(principalBlock(dispersion, 0, t.dimX));
      const ly = cholesky(principalBlock(dispersion, t.dimX, d));
      const n = 100_000;
      const s = t.sample(n, 3);
      const pmi = new Float64Array(n);
      const z = new Float64Array(d);
      for (let r = 0; r < n; r++) {
        const xr = s.x.data.subarray(r * t.dimX, (r + 1) * t.dimX);
        const yr = s.y.data.subarray(r * t.dimY, (r + 1) * t.dimY);
        z.set(xr, 0);
        z.set(yr, t.dimX);
        pmi[r] =
          studentLogDensity(l, d, nu, z) -
          studentLogDensity(lx, t.dimX, nu, Float64Array.from(xr)) -
          studentLogDensity(ly, t.dimY, nu, Float64Array.from(yr));
      }
      const m = summarize(pmi);
      expect(Math.abs(m.mean - t.trueMI)).toBeLessThan(4 * m.se);
      expect(m.se).toBeLessThan(0.005);
    },
  );

  it("has covariance ν/(ν−2)·Ψ (ν = 6, where the sample covariance has a finite variance)", () => {
    const disp = denseCovariance(2, 2, 0.4);
    const t = studentTTask({ name: "t6", description: "test law", dispersion: disp, dimX: 2, nu: 6 });
    const n = 200_000;
    const s = t.sample(n, 5);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        let c = 0;
        for (let r = 0; r < n; r++) {
          const a = i < 2 ? (s.x.data[r * 2 + i] as number) : (s.y.data[r * 2 + i - 2] as number);
          const b = j < 2 ? (s.x.data[r * 2 + j] as number) : (s.y.data[r * 2 + j - 2] as number);
          c += a * b;
        }
        // sd of a covariance entry here ≈ 0.01; tolerance ≈ 5 sd.
        expect(Math.abs(c / n - 1.5 * (disp.data[i * 4 + j] as number))).toBeLessThan(0.05);
      }
    }
  });

  it("rejects non-integer degrees of freedom in the sampler and ν ≤ 0 in the formula", () => {
    expectCode(
      () => studentTTask({ name: "bad", description: "bad", dispersion: denseCovariance(1, 1, 0), dimX: 1, nu: 2.5 }),
      "E_ARG",
      /nu must be an integer ≥ 1, got 2\.5/,
    );
    expectCode(() => studentTMICorrection(1, 1, 0), "E_VALUE", /nu must be finite and > 0/);
    expectCode(() => studentTMICorrection(0, 1, 1), "E_ARG", /dimX/);
  });
});

describe("Gaussian covariances", () => {
  it("reproduce bmi's laws: MI from an independently built covariance (NumPy slogdet, 1e-12)", () => {
    for (const g of fx.gaussian) expect(getTask(g.name).trueMI).toBeCloseTo(g.mi, 12);
    const withCov = fx.gaussian.filter((g) => Array.isArray(g.cov));
    for (const g of withCov) {
      const d = Number(g.name.split("-")[2]);
      const ours = sparseCovariance(d, d, 2, 2);
      expect(Array.from(ours.data)).toEqual(g.cov);
    }
  });
  it("validate their arguments", () => {
    expectCode(() => denseCovariance(2, 2, 1), "E_VALUE", /offDiag/);
    expectCode(() => sparseCovariance(2, 2, 3, 2), "E_ARG", /nInteracting/);
    expectCode(() => denseCovariance(0, 2, 0.1), "E_ARG", /dimX/);
  });
});

describe("additive uniform noise", () => {
  it("matches quadrature of the trapezoid density on both branches (1e-10)", () => {
    for (const a of fx.additive) expect(additiveUniformMI(a.epsilon)).toBeCloseTo(a.mi, 10);
  });
  it("equals the form Y = X + U(0, a): I = a/2 − log a (a = 2ε ≤ 1)", () => {
    for (const a of [0.01, 0.2, 0.5, 0.999, 1]) {
      expect(additiveUniformMI(a / 2)).toBeCloseTo(a / 2 - Math.log(a), 14);
    }
    expectCode(() => additiveUniformMI(0), "E_VALUE", /epsilon/);
  });
  it.each([0.1, 0.75])("ε = %s: Monte Carlo mean of log p(y|x)/p(y) on its sample gives trueMI (4 se)", (eps) => {
    const t = additiveUniformTask(eps);
    const n = 200_000;
    const s = t.sample(n, 9);
    const pmi = new Float64Array(n);
    let maxNoise = 0;
    for (let i = 0; i < n; i++) {
      const x = s.x.data[i] as number;
      const y = s.y.data[i] as number;
      maxNoise = Math.max(maxNoise, Math.abs(y - x));
      const py = (Math.min(1, y + eps) - Math.max(0, y - eps)) / (2 * eps);
      pmi[i] = Math.log(1 / (2 * eps) / py);
    }
    expect(maxNoise).toBeLessThanOrEqual(eps);
    const m = summarize(pmi);
    expect(Math.abs(m.mean - t.trueMI)).toBeLessThan(4 * m.se + 1e-4);
  });
});

describe("discrete table", () => {
  it("has the fixture's table and MI, and its plug-in MI on n = 200,000 is within 0.01", () => {
    const t = getTask("discrete-skewed-4x5");
    expect(t.trueMI).toBeCloseTo(fx.discrete.mi, 13);
    const n = 200_000;
    const s = t.sample(n, 4);
    const counts = new Float64Array(20);
    let valid = 0;
    for (let i = 0; i < n; i++) {
      const x = s.x.data[i] as number;
      const y = s.y.data[i] as number;
      if (Number.isInteger(x) && x >= 0 && x < 4 && Number.isInteger(y) && y >= 0 && y < 5) valid++;
      counts[x * 5 + y] = (counts[x * 5 + y] as number) + 1;
    }
    expect(valid).toBe(n);
    for (let k = 0; k < 20; k++) {
      // binomial sd of a cell frequency ≤ 0.0012 here
      expect(Math.abs((counts[k] as number) / n - (fx.discrete.table[k] as number))).toBeLessThan(0.005);
    }
    const table: Matrix = { rows: 4, cols: 5, data: counts };
    // plug-in bias ≈ (4−1)(5−1)/(2n) = 3e-5; sd ≈ 0.002
    expect(Math.abs(discreteMI(table) - t.trueMI)).toBeLessThan(0.01);
  });
});

describe("mixed categorical–Gaussian", () => {
  it("its 1-D integration matches SciPy's adaptive quadrature (1e-9)", () => {
    for (const m of fx.mixed) expect(mixtureGaussianMI(m.weights, m.means, m.sds)).toBeCloseTo(m.mi, 9);
    expect(getTask("mixed-categorical3-gaussian").trueMI).toBeCloseTo(fx.mixed[0]?.mi as number, 9);
  });
  it("Monte Carlo mean of log p(y|x)/p(y) on its own sample gives trueMI (4 se); class frequencies match", () => {
    const t = getTask("mixed-categorical3-gaussian");
    const { weights, means, sds } = fx.mixed[0] as { weights: number[]; means: number[]; sds: number[] };
    const logN = (y: number, k: number): number =>
      -0.5 * ((y - (means[k] as number)) / (sds[k] as number)) ** 2 -
      Math.log(sds[k] as number) -
      0.5 * Math.log(2 * Math.PI);
    const n = 200_000;
    const s = t.sample(n, 2);
    const pmi = new Float64Array(n);
    const freq = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const k = s.x.data[i] as number;
      const y = s.y.data[i] as number;
      freq[k] = (freq[k] as number) + 1 / n;
      let py = 0;
      for (let j = 0; j < 3; j++) py += (weights[j] as number) * Math.exp(logN(y, j));
      pmi[i] = logN(y, k) - Math.log(py);
    }
    for (let j = 0; j < 3; j++) expect(Math.abs((freq[j] as number) - (weights[j] as number))).toBeLessThan(0.005);
    const m = summarize(pmi);
    expect(Math.abs(m.mean - t.trueMI)).toBeLessThan(4 * m.se);
  });
  it("validates its law", () => {
    expectCode(() => mixtureGaussianMI([1, 1], [0], [1, 1]), "E_SHAPE", /same length/);
    expectCode(() => mixtureGaussianMI([1, 0], [0, 1], [1, 1]), "E_VALUE", /weights\[1\]/);
    expectCode(() => mixtureGaussianMI([1, 1], [0, 1], [1, -1]), "E_VALUE", /sds\[1\]/);
  });
});
