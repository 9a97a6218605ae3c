import { describe, expect, it } from "vitest";
import { normalCdf } from "../math/normal-distribution.js";
import { createRng } from "../math/rng.js";
import { irisTask } from "./iris-task.js";
import { labelTaskMeans } from "./label-gaussian-task.js";
import { LABEL_TASK_TRUTH } from "./label-task-truth.js";
import { getTask, suiteTasks } from "./registry.js";
import { signedSquare, sinhCubic } from "./transforms.js";

/**
 * A second Monte Carlo of I = log C + E[log p(Y|X)], written here independently of scripts/label-task-truth.py
 * (its own draws, its own likelihoods): it must agree with the committed truth within 4 of its standard errors.
 */
function monteCarloMI(classes: number, dim: number, scale: number, pixelScale: number | null, draws: number) {
  const mu = labelTaskMeans(classes, dim, scale);
  const rng = createRng(99);
  const logLik = new Float64Array(classes);
  const x = new Float64Array(dim);
  let sum = 0;
  let sumSq = 0;
  for (let t = 0; t < draws; t++) {
    const y = rng.int(classes);
    for (let j = 0; j < dim; j++) x[j] = (mu[y * dim + j] as number) + rng.normal();
    for (let c = 0; c < classes; c++) {
      let l = 0;
      for (let j = 0; j < dim; j++) {
        const m = mu[c * dim + j] as number;
        if (pixelScale === null) l -= 0.5 * ((x[j] as number) - m) ** 2;
        else {
          const k = Math.min(16, Math.max(0, Math.round(8 + pixelScale * (x[j] as number))));
          const hi = k === 16 ? 1 : normalCdf((k - 7.5) / pixelScale - m);
          const lo = k === 0 ? 0 : normalCdf((k - 8.5) / pixelScale - m);
          l += Math.log(hi - lo);
        }
      }
      logLik[c] = l;
    }
    const max = Math.max(...logLik);
    let z = 0;
    for (const l of logLik) z += Math.exp(l - max);
    const term = Math.log(classes) + (logLik[y] as number) - max - Math.log(z);
    sum += term;
    sumSq += term * term;
  }
  const mean = sum / draws;
  return { mean, se: Math.sqrt((sumSq / draws - mean * mean) / draws) };
}

describe("label tasks (issue 11): the Monte Carlo truth", () => {
  it.each([
    ["label-gaussian-3c-2d", 3, 2, 1.5, null, 40000],
    ["label-gaussian-3c-4d", 3, 4, 1.2, null, 40000],
    ["label-gaussian-10c-64d", 10, 64, 0.35, null, 4000],
    ["label-pixels-10c-64d", 10, 64, 0.35, 2.5, 2000],
  ] as const)("%s agrees with an independent Monte Carlo", (name, classes, dim, scale, pixel, draws) => {
    const task = getTask(name);
    const [truth, se] = LABEL_TASK_TRUTH[name] as readonly [number, number];
    expect(task.trueMI).toBe(truth);
    expect(1.96 * se).toBeLessThan(0.002);
    const mc = monteCarloMI(classes, dim, scale, pixel, draws);
    expect(Math.abs(mc.mean - truth)).toBeLessThan(4 * mc.se);
  });

  it("samples: integer labels, pixel columns of 17 grey levels, 720 noise columns on the wide table", () => {
    const s = getTask("label-pixels-10c-784d").sample(300, 1);
    expect(s.x.cols).toBe(784);
    expect(s.x.data.every((v) => Number.isInteger(v) && v >= 0 && v <= 16)).toBe(true);
    expect(new Set(s.y.data).size).toBe(10);
    expect(getTask("label-pixels-10c-784d").trueMI).toBe(getTask("label-pixels-10c-64d").trueMI);
    expect(suiteTasks("tables")).toContain("iris");
  });
});

describe("warped Gaussian and iris", () => {
  it("the warps are increasing and invert to 1e-12", () => {
    const out = new Float64Array(3);
    const back = new Float64Array(3);
    for (const map of [sinhCubic, signedSquare]) {
      const v = Float64Array.from([-2.5, 0.3, 4]);
      map.apply(v, out);
      expect(out[0] as number).toBeLessThan(out[1] as number);
      map.invert(out, back);
      for (let i = 0; i < 3; i++) expect(Math.abs((back[i] as number) - (v[i] as number))).toBeLessThan(1e-12);
    }
    expect(getTask("warped-gaussian-4-4").trueMI).toBeCloseTo(1.2, 12);
  });

  it("iris: 150 real rows with the species as declared categories, truth a range up to log 3", () => {
    const s = irisTask.sample(5000, 0);
    expect(s.x.rows).toBe(150);
    expect(s.categories?.y[0]).toEqual(["setosa", "versicolor", "virginica"]);
    expect(irisTask.truthRange?.[1]).toBeCloseTo(Math.log(3), 12);
    expect(irisTask.truthRange?.[0]).toBeGreaterThan(1);
  });
});
