import { describe, expect, it } from "vitest";
import { expectCode } from "../../test/helpers/expect-code.js";
import { gaussianMI } from "../math/gaussian-mi.js";
import type { Matrix, PairedSample } from "../types.js";
import type { GroundTruthTask } from "./gaussian-task.js";
import { getTask, suiteTasks, TASK_SUITES, TASKS } from "./registry.js";

/** Plug-in Gaussian MI: the log-det formula on the sample covariance of [x, y] (an oracle for Gaussian laws). */
function plugInGaussianMI(s: PairedSample): number {
  const n = s.x.rows;
  const dx = s.x.cols;
  const d = dx + s.y.cols;
  const mean = new Float64Array(d);
  const row = new Float64Array(d);
  const at = (r: number, j: number): number =>
    j < dx ? (s.x.data[r * dx + j] as number) : (s.y.data[r * s.y.cols + j - dx] as number);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + at(r, j) / n;
  const cov = new Float64Array(d * d);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) row[j] = at(r, j) - (mean[j] as number);
    for (let i = 0; i < d; i++) {
      const ri = row[i] as number;
      for (let j = 0; j <= i; j++) cov[i * d + j] = (cov[i * d + j] as number) + ri * (row[j] as number);
    }
  }
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      const v = (cov[i * d + j] as number) / (n - 1);
      cov[i * d + j] = v;
      cov[j * d + i] = v;
    }
  }
  const m: Matrix = { rows: d, cols: d, data: cov };
  return gaussianMI(m, dx);
}

const ALL = Object.values(TASKS);

describe("task registry", () => {
  it("has at least 15 tasks with unique names, descriptions, dimensions and a finite MI ≥ 0", () => {
    expect(ALL.length).toBeGreaterThanOrEqual(15);
    expect(new Set(ALL.map((t) => t.name)).size).toBe(ALL.length);
    for (const t of ALL) {
      expect(t.description.length).toBeGreaterThan(10);
      expect(Number.isInteger(t.dimX) && t.dimX >= 1).toBe(true);
      expect(Number.isInteger(t.dimY) && t.dimY >= 1).toBe(true);
      expect(Number.isFinite(t.trueMI) && t.trueMI >= 0).toBe(true);
    }
  });

  it("covers what the issue asks: 1 to 25 dims, MI from 0.1 to 10 nats, I = 0, I > log 256, every family", () => {
    const mis = ALL.map((t) => t.trueMI);
    expect(Math.min(...mis)).toBe(0);
    expect(mis.some((v) => Math.abs(v - 0.1) < 1e-12)).toBe(true);
    expect(Math.max(...mis)).toBeCloseTo(10, 12);
    expect(mis.some((v) => v > Math.log(256))).toBe(true);
    expect(Math.max(...ALL.filter((t) => !t.name.startsWith("label-")).map((t) => t.dimX))).toBe(25);
    const families = new Set(ALL.map((t) => t.family));
    for (const f of ["gaussian", "student-t", "additive-uniform", "discrete", "mixed"]) expect(families).toContain(f);
    for (const prefix of ["half_cube-", "asinh-", "normal_cdf-", "spiral-", "wiggly-"]) {
      expect(ALL.some((t) => t.name.startsWith(prefix))).toBe(true);
    }
    expect(TASKS["discrete-skewed-4x5"]?.discrete).toEqual({ x: true, y: true });
    expect(TASKS["mixed-categorical3-gaussian"]?.discrete).toEqual({ x: true, y: false });
  });

  it("matches bmi's reference truths (Czyż et al. 2023) to 4 decimals", () => {
    expect(getTask("1v1-normal-0.75").trueMI).toBeCloseTo(0.4133, 4);
    expect(getTask("1v1-additive-0.1").trueMI).toBeCloseTo(1.7094, 4);
    expect(getTask("multinormal-sparse-25-25-2-2.0").trueMI).toBeCloseTo(1.0217, 4);
    expect(getTask("student-identity-1-1-1").trueMI).toBeCloseTo(0.2242, 4);
    expect(getTask("gaussian-20d-rho0.5").trueMI).toBeCloseTo(-10 * Math.log(0.75), 12);
  });

  it("getTask: unknown names give E_UNKNOWN with the close names", () => {
    expectCode(() => getTask("1v1-normal-0.7"), "E_UNKNOWN", /Did you mean: 1v1-normal-0\.75/);
    expectCode(() => getTask("multinormal-sparse-5-5"), "E_UNKNOWN", /multinormal-sparse-5-5-2-2\.0/);
    expectCode(() => getTask("zzzzzzzzzzzzzzzz"), "E_UNKNOWN", /infonce tasks/);
  });

  it("suites name registered tasks; unknown suites are E_UNKNOWN", () => {
    for (const names of Object.values(TASK_SUITES)) for (const n of names) expect(TASKS[n]).toBeDefined();
    expect(suiteTasks("standard").length).toBe(ALL.length - 1); // all but the 784-column table
    expectCode(() => suiteTasks("huge"), "E_UNKNOWN", /quick, standard/);
  });
});

describe("every sampler", () => {
  it("has the declared shape, finite values, and is deterministic for a seed (rows do not depend on n)", () => {
    for (const t of ALL) {
      const a = t.sample(60, 7);
      const b = t.sample(60, 7);
      const c = t.sample(60, 8);
      const longer = t.sample(90, 7);
      expect([a.x.rows, a.x.cols, a.y.rows, a.y.cols]).toEqual([60, t.dimX, 60, t.dimY]);
      for (const v of [...a.x.data, ...a.y.data]) expect(Number.isFinite(v)).toBe(true);
      expect(Array.from(b.x.data)).toEqual(Array.from(a.x.data));
      expect(Array.from(b.y.data)).toEqual(Array.from(a.y.data));
      expect(Array.from(c.x.data)).not.toEqual(Array.from(a.x.data));
      expect(Array.from(longer.x.data.subarray(0, 60 * t.dimX))).toEqual(Array.from(a.x.data));
    }
  });

  it("rejects a bad n or seed with E_ARG naming the task", () => {
    const t = getTask("1v1-normal-0.75");
    expectCode(() => t.sample(0, 1), "E_ARG", /1v1-normal-0\.75.*n must be an integer ≥ 1, got 0/);
    expectCode(() => t.sample(2.5, 1), "E_ARG", /got 2\.5/);
    expectCode(() => t.sample(10, Number.NaN), "E_ARG", /seed must be a finite number/);
    expectCode(() => getTask("spiral-multinormal-sparse-3-3-2-2.0").sample(-1, 0), "E_ARG", /got -1/);
  });
});

describe("Gaussian samplers against the plug-in log-det MI", () => {
  const gaussian = ALL.filter((t) => t.family === "gaussian" && !("base" in t));
  it.each(gaussian.map((t) => [t.name, t] as const))("%s", (_name, t: GroundTruthTask) => {
    const n = t.dimX + t.dimY > 20 ? 60_000 : 100_000;
    const est = plugInGaussianMI(t.sample(n, 11));
    // Plug-in at this n: bias ≈ dX·dY/(2n); sd² ≈ Σ ρ_i²/n over the canonical correlations, and
    // Σ ρ_i² = Σ (1 − e^{−2I_i}) ≤ min(dX, dY, 2I). Tolerance: bias + 4 sd + 1e-3.
    const sd = Math.sqrt(Math.min(t.dimX, t.dimY, 2 * t.trueMI) / n);
    expect(Math.abs(est - t.trueMI)).toBeLessThan((t.dimX * t.dimY) / (2 * n) + 4 * sd + 1e-3);
  });
});
