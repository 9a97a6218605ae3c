import { describe, expect, it } from "vitest";
import { classicalFixtures, fixtureSample } from "../../test/fixtures/classical/load.js";
import { discreteMI } from "../math/discrete-mi.js";
import { gaussianMIFromCorrelation } from "../math/gaussian-mi.js";
import { createRng } from "../math/rng.js";
import { getTask } from "../tasks/index.js";
import type { Matrix } from "../types.js";
import { categoricalColumns, encodeRows } from "./categorical.js";
import { copulaTransform } from "./copula.js";
import { discreteEstimator, discreteTerms } from "./discrete.js";
import { gaussianBias, gaussianEstimator, gaussianStderr, gaussianTerms } from "./gaussian.js";
import { ksgValue } from "./ksg.js";
import { gaoTerms, mixedEstimator, rossTerms } from "./mixed.js";

// Oracles: scipy_ref.py (gaussian) and NumPy/SciPy implementations in make_classical.py; closed forms below.
const sets = classicalFixtures.sets;

function gaussianPairs(
  n: number,
  d: number,
  rho: number,
  seed: number,
): { x: Matrix<Float64Array>; y: Matrix<Float64Array> } {
  const rng = createRng(seed);
  const x = new Float64Array(n * d);
  const y = new Float64Array(n * d);
  for (let i = 0; i < n * d; i++) {
    const a = rng.normal();
    x[i] = a;
    y[i] = rho * a + Math.sqrt(1 - rho * rho) * rng.normal();
  }
  return { x: { rows: n, cols: d, data: x }, y: { rows: n, cols: d, data: y } };
}

describe("gaussian (CCA) estimator", () => {
  it("agrees with scipy_ref.py gaussian on every fixture (1e-10)", () => {
    for (const set of Object.values(sets)) {
      const { x, y } = fixtureSample(set);
      expect(Math.abs(gaussianTerms(x, y).mi - set.gaussian)).toBeLessThan(1e-10);
    }
    const L = classicalFixtures.large;
    expect(L.gaussian).toBeGreaterThan(0);
  });

  it("its asymptotic standard error matches the spread over 300 seeded samples", () => {
    // Within 15% with dependence; at exact independence it is conservative by ~25% (the positive part of the
    // debiased Σr² adds a little variance there), which the test pins: [1.0, 1.35] × the true spread.
    for (const [rho, d, n] of [
      [0.6, 2, 300],
      [0, 2, 300],
      [0.9, 1, 200],
      [0.3, 3, 500],
    ] as const) {
      const values: number[] = [];
      const ses: number[] = [];
      for (let s = 0; s < 300; s++) {
        const { x, y } = gaussianPairs(n, d, rho, 1000 + s);
        const t = gaussianTerms(x, y);
        values.push(t.mi);
        ses.push(gaussianStderr(t, n, d, d));
      }
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
      const meanSe = ses.reduce((a, b) => a + b, 0) / ses.length;
      const ratio = meanSe / sd;
      const [lo, hi] = rho === 0 ? [1, 1.35] : [0.85, 1.15];
      expect(ratio, `rho ${rho}, d ${d}: se ${meanSe} vs sd ${sd}`).toBeGreaterThan(lo);
      expect(ratio, `rho ${rho}, d ${d}: se ${meanSe} vs sd ${sd}`).toBeLessThan(hi);
    }
  });

  it("the bias correction makes the mean over 400 samples the truth (oracle: closed form), ≈ dx·dy/(2n)", async () => {
    // Wilks: 2n·Î → χ²_{dx·dy} at independence, so the excess is ≈ dx·dy/(2n); the digamma form is exact.
    expect(gaussianBias(1000, 5, 5) / (25 / 2000)).toBeGreaterThan(0.98);
    expect(gaussianBias(1000, 5, 5) / (25 / 2000)).toBeLessThan(1.04);
    expect(gaussianBias(1000, 2, 3)).toBeCloseTo(gaussianBias(1000, 3, 2), 14);
    for (const [rho, d, n] of [
      [0, 3, 40],
      [0.6, 2, 30],
    ] as const) {
      const truth = gaussianMIFromCorrelation(rho, d);
      const raw: number[] = [];
      const fixed: number[] = [];
      for (let s = 0; s < 400; s++) {
        const { x, y } = gaussianPairs(n, d, rho, 5000 + s);
        raw.push(gaussianTerms(x, y).raw);
        fixed.push((await gaussianEstimator.estimate({ x, y }, { uncertainty: "none" })).estimate);
      }
      const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
      const se = Math.sqrt(fixed.reduce((a, b) => a + (b - mean(fixed)) ** 2, 0) / (fixed.length - 1) / fixed.length);
      expect(Math.abs(mean(fixed) - truth), `rho ${rho}`).toBeLessThan(3 * se);
      expect(mean(raw) - truth, `rho ${rho}`).toBeGreaterThan(5 * se); // without it, the excess is plain
      expect(Math.abs(mean(raw) - mean(fixed) - gaussianBias(n, d, d))).toBeLessThan(1e-12);
    }
  });

  it("returns an Estimate; collinear columns are a clear E_DATA, a ridge is stated", async () => {
    const { x, y } = gaussianPairs(1000, 2, 0.5, 5);
    const e = await gaussianEstimator.estimate({ x, y });
    expect(e.estimator).toBe("gaussian");
    expect(e.settings.uncertainty).toBe("asymptotic");
    expect(Math.abs(e.estimate - gaussianMIFromCorrelation(0.5, 2))).toBeLessThan(4 * e.stderr);
    const b = await gaussianEstimator.estimate({ x, y }, { uncertainty: "bootstrap", seed: 1 });
    expect(b.settings.uncertainty).toBe("bootstrap");
    expect(b.settings.replicates).toBe(50);
    expect(Math.abs(b.stderr / e.stderr - 1)).toBeLessThan(0.35);
    // x with a third column = col0 + col1: collinear.
    const x3 = new Float64Array(1000 * 3);
    for (let i = 0; i < 1000; i++) {
      x3[i * 3] = x.data[i * 2] as number;
      x3[i * 3 + 1] = x.data[i * 2 + 1] as number;
      x3[i * 3 + 2] = (x.data[i * 2] as number) + (x.data[i * 2 + 1] as number);
    }
    const xc = { rows: 1000, cols: 3, data: x3 };
    await expect(gaussianEstimator.estimate({ x: xc, y })).rejects.toThrow(/column 2 of x is a linear combination/);
    const r = await gaussianEstimator.estimate({ x: xc, y }, { ridge: 1e-3 });
    expect(r.settings.ridge).toBe(1e-3);
    expect(Number.isFinite(r.estimate)).toBe(true);
    // y = x exactly: infinite MI, said so.
    await expect(gaussianEstimator.estimate({ x, y: x })).rejects.toThrow(/linearly dependent.*infinite/);
    await expect(
      gaussianEstimator.estimate({
        x: { rows: 4, cols: 2, data: x.data.subarray(0, 8) },
        y: { rows: 4, cols: 2, data: y.data.subarray(0, 8) },
      }),
    ).rejects.toThrow(/at least 6 rows/);
  });
});

describe("discrete plug-in with Miller–Madow", () => {
  it("agrees with the NumPy oracle on the fixtures (1e-12)", () => {
    for (const set of Object.values(sets)) {
      if (set.discretePlugin === undefined) continue;
      const { x, y } = fixtureSample(set);
      const ex = encodeRows(x);
      const ey = encodeRows(y);
      const t = discreteTerms(ex.codes, ey.codes, ex.levels, ey.levels);
      expect(Math.abs(t.plugin - set.discretePlugin)).toBeLessThan(1e-12);
      expect(Math.abs(t.millerMadow - (set.discreteMillerMadow as number))).toBeLessThan(1e-12);
    }
  });

  it("recovers the exact MI of a known table (closed form via src/math), Miller–Madow closer than the plug-in", async () => {
    // Joint table of a noisy channel: 4 inputs, 5 outputs.
    const table = [
      [0.1, 0.05, 0.03, 0.01, 0.01],
      [0.02, 0.12, 0.06, 0.02, 0.03],
      [0.01, 0.03, 0.15, 0.05, 0.01],
      [0.02, 0.01, 0.04, 0.1, 0.13],
    ];
    const flat = table.flat();
    const truth = discreteMI({ rows: 4, cols: 5, data: Float64Array.from(flat) });
    const rng = createRng(9);
    let errPlug = 0;
    let errMM = 0;
    const reps = 200;
    const n = 400;
    for (let r = 0; r < reps; r++) {
      const xd = new Float64Array(n);
      const yd = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let u = rng.uniform();
        let cell = 0;
        while (cell < flat.length - 1 && u >= (flat[cell] as number)) u -= flat[cell++] as number;
        xd[i] = Math.floor(cell / 5);
        yd[i] = cell % 5;
      }
      const e = await discreteEstimator.estimate(
        { x: { rows: n, cols: 1, data: xd }, y: { rows: n, cols: 1, data: yd } },
        { replicates: 0 },
      );
      errMM += e.estimate - truth;
      errPlug += (e.settings.plugin as number) - truth;
    }
    // Bias of the plug-in ≈ (m_xy − m_x − m_y + 1)/(2n) = 12/800 = 0.015; Miller–Madow removes most of it.
    expect(errPlug / reps).toBeGreaterThan(0.008);
    expect(Math.abs(errMM / reps), `plug-in ${errPlug / reps}`).toBeLessThan(0.004);
  });

  it("bootstrap interval is seeded and sensible; sparse tables warn", async () => {
    const set = sets["ties-2+1"];
    if (!set) throw new Error("fixture missing");
    const { x, y } = fixtureSample(set);
    const e = await discreteEstimator.estimate({ x, y }, { seed: 2 });
    expect(e.settings.uncertainty).toBe("bootstrap");
    expect(e.stderr).toBeGreaterThan(0.01);
    expect(e.stderr).toBeLessThan(0.1);
    expect((await discreteEstimator.estimate({ x, y }, { seed: 2 })).ci95).toEqual(e.ci95);
    // 100 rows rounded to one decimal: 20-odd values per side, a sparse but real table.
    const cont = gaussianPairs(100, 1, 0.5, 3);
    const rounded = (m: typeof cont.x) => ({ ...m, data: m.data.map((v) => Math.round(v * 10) / 10) });
    const w = await discreteEstimator.estimate({ x: rounded(cont.x), y: rounded(cont.y) }, { replicates: 0 });
    expect(w.warnings.join()).toMatch(/sparse table/);
  });

  it("refuses continuous data (more distinct values than n/2 on a side) instead of reporting ≈ log n", async () => {
    const cont = gaussianPairs(100, 1, 0, 3);
    await expect(discreteEstimator.estimate(cont, { replicates: 0 })).rejects.toMatchObject({
      code: "E_DATA",
      message: expect.stringMatching(/x has 100 distinct values in 100 rows: it is not categorical.*log n = 4\.61/),
    });
  });
});

describe("mixed estimators", () => {
  it("Ross and Gao agree with the NumPy oracles (raw data, 1e-10)", () => {
    for (const set of Object.values(sets)) {
      if (set.mixedRoss3 === undefined) continue;
      const { x, y } = fixtureSample(set);
      const labels = encodeRows(x).codes;
      expect(Math.abs(rossTerms(labels, y.data, y.cols, 3).mi - set.mixedRoss3)).toBeLessThan(1e-10);
      expect(Math.abs(gaoTerms(x.data, y.data, set.n, set.dx, set.dy, 3) - (set.mixedGao3 as number))).toBeLessThan(
        1e-10,
      );
    }
  });

  it("X uniform on {0..m−1}, Y | X ~ U(X, X + 2): I = log m − (m−1)/m · log 2 (Gao et al. 2017, sec. 5)", async () => {
    const m = 5;
    const truth = Math.log(m) - ((m - 1) / m) * Math.log(2);
    const rng = createRng(21);
    const n = 4000;
    const xd = new Float64Array(n);
    const yd = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xd[i] = rng.int(m);
      yd[i] = (xd[i] as number) + 2 * rng.uniform();
    }
    const sample = { x: { rows: n, cols: 1, data: xd }, y: { rows: n, cols: 1, data: yd } };
    const e = await mixedEstimator.estimate(sample, { seed: 1 });
    expect(e.settings.method).toBe("ross");
    expect(e.settings.labels).toBe("x");
    expect(Math.abs(e.estimate - truth)).toBeLessThan(0.03);
    expect(e.ci95[0]).toBeLessThan(truth + 0.02);
    expect(e.ci95[1]).toBeGreaterThan(truth - 0.02);
    // Swapping the sides gives the same estimate (labels detected on y).
    const swapped = await mixedEstimator.estimate({ x: sample.y, y: sample.x }, { replicates: 0 });
    expect(swapped.settings.labels).toBe("y");
    expect(swapped.estimate).toBeCloseTo(e.estimate, 12);
    // Gao at larger k approaches the truth too (its small-k bias is documented).
    const g = await mixedEstimator.estimate(sample, { method: "gao", k: 30, replicates: 0 });
    expect(Math.abs(g.estimate - truth)).toBeLessThan(0.06);
    // Forcing ross on a continuous x is a clear error.
    await expect(mixedEstimator.estimate(sample, { method: "ross", discrete: { x: false } })).rejects.toThrow(
      /method ross needs one side all categorical/,
    );
    // Categories that mostly occur once leave Ross too few rows: refused, not estimated on what is left.
    const ids = { x: { rows: n, cols: 1, data: Float64Array.from({ length: n }, (_, i) => (i < 100 ? i % 10 : i)) } };
    await expect(
      mixedEstimator.estimate({ ...ids, y: sample.y }, { method: "ross", discrete: { x: true }, replicates: 0 }),
    ).rejects.toThrow(
      new RegExp(
        `^${n - 100} of ${n} rows have a category of x that occurs only once: Ross's estimator would use only 100`,
      ),
    );
  });

  it("Ross's estimate stops at Ĥ of the label, with a warning (Stat2Data/Leafhoppers.csv: 8 rows, 4 diets of 2)", async () => {
    // x: the dish (1 … 8) and the days; y: the diet.
    const days = [2.3, 1.7, 3.6, 4, 2.9, 2.7, 2.1, 2.3];
    const x = { rows: 8, cols: 2, data: Float64Array.from(days.flatMap((d, i) => [i + 1, d])) };
    const y = { rows: 8, cols: 1, data: Float64Array.from(days, (_, i) => i >> 1) };
    const raw = rossTerms(encodeRows(y).codes, copulaTransform(x, "random").data, 2, 3).mi;
    expect(raw).toBeGreaterThan(Math.log(4));
    const e = await mixedEstimator.estimate({ x, y }, { copula: true, discrete: { x: false, y: true }, replicates: 0 });
    expect(e.estimate).toBe(Math.log(4));
    expect(e.warnings).toContain(
      `Ross's estimate ${raw.toFixed(3)} was above Ĥ(y) = 1.386, the most a categorical side can share (the estimator's bias on classes of few rows); Ĥ(y) is reported`,
    );
  });

  it("both sides categorical: the Miller–Madow plug-in of the table, equal to the discrete estimator", async () => {
    const rng = createRng(33);
    const n = 1000;
    const xd = new Float64Array(n);
    const yd = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xd[i] = rng.int(4);
      yd[i] = rng.int(5);
    }
    const sample = { x: { rows: n, cols: 1, data: xd }, y: { rows: n, cols: 1, data: yd } };
    const m = await mixedEstimator.estimate(sample, { replicates: 0 });
    const d = await discreteEstimator.estimate(sample, { replicates: 0 });
    expect(m.settings.method).toBe("table");
    expect(m.estimate).toBe(d.estimate);
    // Gao's estimator, still available by name, reads ≈ 1.5·(20 cells)/n low here.
    const g = await mixedEstimator.estimate(sample, { method: "gao", replicates: 0 });
    expect(g.estimate).toBeLessThan(m.estimate - 0.01);
  });
});

describe("copula transform and categorical detection", () => {
  it("normal scores with average ranks match SciPy (rankdata + norm.ppf, 1e-13)", () => {
    for (const name of ["ties-1+1", "warped-2+2"]) {
      const set = sets[name];
      if (!set?.copulaFirstRows) throw new Error(`fixture ${name} missing copula rows`);
      const { x, y } = fixtureSample(set);
      const cx = copulaTransform(x);
      const cy = copulaTransform(y);
      set.copulaFirstRows.forEach((row, i) => {
        for (let c = 0; c < set.dx; c++)
          expect(Math.abs((cx.data[i * set.dx + c] as number) - (row[c] as number))).toBeLessThan(1e-13);
        for (let c = 0; c < set.dy; c++) {
          expect(Math.abs((cy.data[i * set.dy + c] as number) - (row[set.dx + c] as number))).toBeLessThan(1e-13);
        }
      });
    }
  });

  it("KSG and Gaussian on copula data agree with the oracle (1e-4 / 1e-10)", () => {
    const set = sets["warped-2+2"];
    if (!set) throw new Error("fixture missing");
    const { x, y } = fixtureSample(set);
    expect(Math.abs(ksgValue(x, y, 3, 1, "copula") - (set.copulaKsg1 as number))).toBeLessThan(1e-4);
    expect(
      Math.abs(gaussianTerms(copulaTransform(x), copulaTransform(y)).mi - (set.copulaGaussian as number)),
    ).toBeLessThan(1e-10);
  });

  it("makes KSG and the Gaussian estimator far more accurate on a warped task (errors at least halved)", async () => {
    // bmi's 2-pair law in 3+3 dims with every coordinate through the normal CDF (src/tasks); truth 1.0217.
    const task = getTask("normal_cdf-multinormal-sparse-3-3-2-2.0");
    const s = task.sample(3000, 0);
    for (const name of ["ksg", "gaussian"]) {
      const est = name === "ksg" ? ksgValue : undefined;
      const raw = est ? est(s.x, s.y, 3, 1, "standardize") : gaussianTerms(s.x, s.y).mi;
      const cop = est ? est(s.x, s.y, 3, 1, "copula") : gaussianTerms(copulaTransform(s.x), copulaTransform(s.y)).mi;
      const errRaw = Math.abs(raw - task.trueMI);
      const errCop = Math.abs(cop - task.trueMI);
      expect(errRaw, name).toBeGreaterThan(0.15);
      expect(errCop, name).toBeLessThan(0.5 * errRaw);
    }
  });

  it("is invariant to strictly increasing maps of each column", () => {
    const { x } = gaussianPairs(300, 2, 0.3, 8);
    const warped = { rows: 300, cols: 2, data: x.data.map((v) => Math.sinh(v) * 3 + 1) };
    expect(Array.from(copulaTransform(warped).data)).toEqual(Array.from(copulaTransform(x).data));
  });

  it("categorical detection: integer-valued with at most 20 distinct values", () => {
    const m = {
      rows: 30,
      cols: 3,
      data: Float64Array.from({ length: 90 }, (_, i) => {
        const r = Math.floor(i / 3);
        const c = i % 3;
        return c === 0 ? r % 4 : c === 1 ? r : r + 0.5;
      }),
    };
    expect(categoricalColumns(m)).toEqual([true, false, false]);
    expect(categoricalColumns(m, 30)).toEqual([true, true, false]);
  });
});
