import { describe, expect, it } from "vitest";
import { classicalFixtures, fixtureSample, lcgGaussianPairs } from "../../test/fixtures/classical/load.js";
import { gaussianMIFromCorrelation } from "../math/gaussian-mi.js";
import { createRng } from "../math/rng.js";
import { ksg2Estimator, ksgEstimator, ksgValue } from "./ksg.js";
import { type KsgPool, runKsgJob } from "./ksg-jobs.js";
import { standardizeColumns } from "./standardize.js";

// Oracle: the SciPy cKDTree KSG of docs/benchmarks.md ("KSG against SciPy"; KSG 1) and brute-force NumPy (KSG 2),
// via test/fixtures/classical/make_classical.py.
const TOL = 1e-4; // the bar; in practice the agreement is ~1e-13 (same floats, same counts)

describe("KSG agrees with scipy_ref.py and the brute-force oracle", () => {
  for (const [name, set] of Object.entries(classicalFixtures.sets)) {
    const { x, y } = fixtureSample(set);
    it(`${name}: standardisation is NumPy's bit for bit`, () => {
      const sx = standardizeColumns(x).data;
      const sy = standardizeColumns(y).data;
      expect([...sx.subarray(0, set.dx), ...sy.subarray(0, set.dy)]).toEqual(set.standardizedFirstRow);
    });
    for (const k of [1, 3, 5]) {
      it(`${name}: estimator 1 and 2, k = ${k}`, () => {
        const v1 = ksgValue(x, y, k, 1, "standardize");
        const v2 = ksgValue(x, y, k, 2, "standardize");
        expect(Math.abs(v1 - (set.ksg1[String(k)] as number))).toBeLessThan(TOL);
        expect(Math.abs(v2 - (set.ksg2[String(k)] as number))).toBeLessThan(TOL);
        // Exact counts give agreement far below the bar: only the final summation order differs.
        expect(Math.abs(v1 - (set.ksg1[String(k)] as number))).toBeLessThan(1e-11);
        expect(Math.abs(v2 - (set.ksg2[String(k)] as number))).toBeLessThan(1e-11);
      });
    }
  }

  it("n = 20,000, d = 5 + 5 (the benchmark size) agrees with scipy_ref.py", () => {
    const L = classicalFixtures.large;
    const { x, y } = lcgGaussianPairs(L.seed, L.n, L.d, L.rho);
    expect(x.data.reduce((a, b) => a + b, 0)).toBe(L.sumX); // same data, bit for bit
    expect(y.data.reduce((a, b) => a + b, 0)).toBe(L.sumY);
    const v = ksgValue(x, y, 3, 1, "standardize");
    expect(Math.abs(v - L.ksg1)).toBeLessThan(TOL);
    expect(Math.abs(v - L.ksg1)).toBeLessThan(1e-11);
  });
});

describe("KSG estimators (the Estimator interface)", () => {
  const rng = createRng(11);
  const n = 2000;
  const rho = 0.7;
  const xd = new Float64Array(n * 2);
  const yd = new Float64Array(n * 2);
  for (let i = 0; i < n * 2; i++) {
    const a = rng.normal();
    xd[i] = a;
    yd[i] = rho * a + Math.sqrt(1 - rho * rho) * rng.normal();
  }
  const sample = { x: { rows: n, cols: 2, data: xd }, y: { rows: n, cols: 2, data: yd } };
  const truth = gaussianMIFromCorrelation(rho, 2);

  it("returns the full Estimate with a seeded subsample interval that covers the truth", async () => {
    const e = await ksgEstimator.estimate(sample, { seed: 3 });
    expect(e.estimator).toBe("ksg");
    expect(e.logK).toBeNull();
    expect(e.saturated).toBe(false);
    expect(e.n).toBe(n);
    expect(e.estimateBits).toBeCloseTo(e.estimate / Math.LN2, 12);
    expect(e.settings).toMatchObject({ k: 3, variant: 1, preprocessing: "standardize", uncertainty: "subsample" });
    expect(e.settings.groups).toBe(4); // n / KSG_MIN_GROUP_ROWS
    expect(e.settings.replicates).toBe(20);
    // KSG is accurate at d = 2 + 2 (error < 0.05 nats at n = 2000, rho = 0.7: truth 0.673).
    expect(Math.abs(e.estimate - truth)).toBeLessThan(0.05);
    // Half-sample sd ~ sampling sd of the estimator: between 0.005 and 0.05 nats here.
    expect(e.stderr).toBeGreaterThan(0.005);
    expect(e.stderr).toBeLessThan(0.05);
    expect(e.ci95[0]).toBeLessThan(truth);
    expect(e.ci95[1]).toBeGreaterThan(truth);
    const again = await ksgEstimator.estimate(sample, { seed: 3 });
    expect(again.stderr).toBe(e.stderr);
    const other = await ksgEstimator.estimate(sample, { seed: 4 });
    expect(other.stderr).not.toBe(e.stderr);
    expect(other.estimate).toBe(e.estimate);
  });

  it("half-sample on request, and a pool of threads gives the same numbers as the calling thread", async () => {
    const h = await ksgEstimator.estimate(sample, { seed: 3, uncertainty: "half-sample", replicates: 6 });
    expect(h.settings).toMatchObject({ uncertainty: "half-sample", replicates: 6 });
    // A pool that runs its jobs on this thread but in reverse order of submission within each batch of 3.
    const pool: KsgPool = {
      threads: 3,
      run: (job) =>
        new Promise((resolve) => setTimeout(() => resolve(runKsgJob(job)), job.kind === "counts" ? 3 - job.part : 1)),
    };
    for (const est of [ksgEstimator, ksg2Estimator]) {
      const one = await est.estimate(sample, { seed: 5, replicates: 7 });
      const three = await est.estimate(sample, { seed: 5, replicates: 7, ksgPool: pool });
      expect(three.estimate).toBe(one.estimate);
      expect(three.stderr).toBe(one.stderr);
      expect(three.settings.replicates).toBe(7);
    }
    await expect(ksgEstimator.estimate(sample, { ksgPool: { threads: 0 } })).rejects.toMatchObject({ code: "E_ARG" });
  });

  it("estimator 2 and the copula option", async () => {
    const e2 = await ksg2Estimator.estimate(sample, { replicates: 0 });
    expect(e2.estimator).toBe("ksg2");
    expect(Math.abs(e2.estimate - truth)).toBeLessThan(0.05);
    expect(Number.isNaN(e2.stderr)).toBe(true);
    expect(e2.settings.uncertainty).toBe("none");
    const c = await ksgEstimator.estimate(sample, { copula: true, replicates: 0 });
    expect(c.settings.preprocessing).toBe("copula");
    expect(Math.abs(c.estimate - truth)).toBeLessThan(0.05);
  });

  it("validates input: NaN/Inf, too few rows for k, constant columns, bad settings", async () => {
    const bad = Float64Array.from(xd);
    bad[7] = Number.NaN;
    await expect(ksgEstimator.estimate({ x: { rows: n, cols: 2, data: bad }, y: sample.y })).rejects.toThrow(
      /x has NaN at row 3, column 1/,
    );
    const inf = Float64Array.from(yd);
    inf[0] = Number.POSITIVE_INFINITY;
    await expect(ksgEstimator.estimate({ x: sample.x, y: { rows: n, cols: 2, data: inf } })).rejects.toMatchObject({
      code: "E_VALUE",
    });
    const tiny = {
      x: { rows: 3, cols: 1, data: new Float64Array([1, 2, 3]) },
      y: { rows: 3, cols: 1, data: new Float64Array([3, 1, 2]) },
    };
    await expect(ksgEstimator.estimate(tiny)).rejects.toMatchObject({ code: "E_DATA" });
    await expect(ksgEstimator.estimate(tiny)).rejects.toThrow(/at least 4 rows/);
    await expect(ksgEstimator.estimate(sample, { k: 0 })).rejects.toThrow(/k must be an integer ≥ 1, got 0/);
    // @ts-expect-error: copula is a boolean; a caller without the types still gets E_ARG at run time
    await expect(ksgEstimator.estimate(sample, { copula: "yes" })).rejects.toMatchObject({ code: "E_ARG" });
    await expect(
      ksgEstimator.estimate({ x: sample.x, y: { rows: n - 1, cols: 2, data: yd.subarray(0, (n - 1) * 2) } }),
    ).rejects.toThrow(/x has 2000 rows but y has 1999/);
    // A constant column is set aside with a warning; the result equals the estimate without it.
    const withConst = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) {
      withConst[i * 3] = xd[i * 2] as number;
      withConst[i * 3 + 1] = 5;
      withConst[i * 3 + 2] = xd[i * 2 + 1] as number;
    }
    const e = await ksgEstimator.estimate({ x: { rows: n, cols: 3, data: withConst }, y: sample.y }, { replicates: 0 });
    const ref = await ksgEstimator.estimate(sample, { replicates: 0 });
    expect(e.estimate).toBe(ref.estimate);
    expect(e.warnings.join()).toMatch(/column 1 of x is constant/);
    expect(e.settings.columnsX).toEqual([0, 2]);
    const allConst = { rows: n, cols: 1, data: new Float64Array(n).fill(2) };
    await expect(ksgEstimator.estimate({ x: allConst, y: sample.y })).rejects.toThrow(/every column of x is constant/);
  });
});
