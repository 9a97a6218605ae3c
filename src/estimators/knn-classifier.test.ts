import { describe, expect, it } from "vitest";
import { createRng } from "../math/rng.js";
import type { PairedSample } from "../types.js";
import { ESTIMATORS } from "./index.js";

/**
 * n rows: x = two Gaussian noise columns and a text column of `levels` categories (uniform), y a label of `classes`
 * classes that is a fixed function of the text column (dependent) or drawn on its own (independent). Returns the
 * sample and the exact H(Y) of the law (the MI when y is the function of the text column).
 */
function textLabel(n: number, levels: number, classes: number, dependent: boolean, seed: number) {
  const rng = createRng(seed, 11);
  const pick = (m: number) => Math.min(m - 1, Math.floor(rng.uniform() * m));
  const classOf = Int32Array.from({ length: levels }, () => pick(classes));
  const x = new Float64Array(n * 3);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = pick(levels);
    x[i * 3] = rng.normal();
    x[i * 3 + 1] = rng.normal();
    x[i * 3 + 2] = t;
    y[i] = dependent ? (classOf[t] as number) : pick(classes);
  }
  const p = new Float64Array(classes);
  for (const c of classOf) p[c] = (p[c] as number) + 1 / levels;
  const entropy = dependent ? -Array.from(p).reduce((s, q) => s + (q > 0 ? q * Math.log(q) : 0), 0) : Math.log(classes);
  const names = (k: number, prefix: string) => Array.from({ length: k }, (_, j) => `${prefix}${j}`);
  const sample: PairedSample = {
    x: { rows: n, cols: 3, data: x },
    y: { rows: n, cols: 1, data: y },
    categories: { x: [undefined, undefined, names(levels, "town")], y: [names(classes, "state")] },
  };
  return { sample, entropy };
}

describe("knn-classifier: H(Y) − held-out cross-entropy of a nearest-neighbour classifier", () => {
  it("reaches H(Y) when a 400-category text column determines a 40-class label, and says it left the noise out", async () => {
    const { sample, entropy } = textLabel(6000, 400, 40, true, 1);
    const r = await ESTIMATORS["knn-classifier"].estimate(sample);
    expect(r.estimate).toBeGreaterThan(entropy - 0.05);
    expect(r.estimate).toBeLessThan(entropy + 0.05);
    expect(r.settings.chosen.every((c) => c.startsWith("columns 2 of x"))).toBe(true);
    expect(r.warnings.join("\n")).toMatch(/read only x column 2 .*x columns 0, 1 improved no held-out prediction/);
  });

  it("reads 0 within its interval on a label independent of the same columns", async () => {
    for (const seed of [2, 3]) {
      const { sample } = textLabel(3000, 300, 10, false, seed);
      const r = await ESTIMATORS["knn-classifier"].estimate(sample);
      expect(Math.abs(r.estimate)).toBeLessThan(0.02);
      expect(r.ci95[0]).toBeLessThanOrEqual(0);
      expect(r.ci95[1]).toBeGreaterThanOrEqual(0);
    }
  });

  it("is a lower bound: two classes at ±1 with unit noise read at most their MI (by quadrature)", async () => {
    // I = log 2 − E H(Y|X), X ~ ½N(−1, 1) + ½N(1, 1): the posterior is σ(2x); midpoint rule on [−9, 9].
    let mi = Math.LN2;
    const h = 1e-3;
    for (let x = -9 + h / 2; x < 9; x += h) {
      const density = (0.5 * (Math.exp(-((x + 1) ** 2) / 2) + Math.exp(-((x - 1) ** 2) / 2))) / Math.sqrt(2 * Math.PI);
      const p = 1 / (1 + Math.exp(-2 * x));
      mi += density * h * (p * Math.log(p) + (1 - p) * Math.log(1 - p));
    }
    const n = 4000;
    const rng = createRng(4, 5);
    const y = Float64Array.from({ length: n }, (_, i) => i % 2);
    const x = Float64Array.from(y, (c) => (c === 1 ? 1 : -1) + rng.normal());
    const r = await ESTIMATORS["knn-classifier"].estimate({
      x: { rows: n, cols: 1, data: x },
      y: { rows: n, cols: 1, data: y },
    });
    expect(r.estimate).toBeLessThan(mi + 2 * r.stderr);
    expect(r.estimate).toBeGreaterThan(mi - 0.06);
  });
});

describe("auto on a label whose mixed side one-hot would make the softmax classifier too costly", () => {
  it("runs knn-classifier, reaches H(Y), and warns of the classifier it replaced and of the columns it left out", async () => {
    const { sample, entropy } = textLabel(6000, 400, 40, true, 1);
    const r = await ESTIMATORS.auto.estimate(sample);
    expect(r.settings.choice).toBe("knn-classifier");
    expect(r.estimate).toBeGreaterThan(entropy - 0.05);
    expect(r.estimate).toBeLessThan(entropy + 0.05);
    const warnings = r.warnings.join("\n");
    expect(warnings).toMatch(/in place of the softmax classifier bound \(40 classes, \d+ features one-hot, 6000 rows/);
    expect(warnings).toMatch(/read only x column 2/);
  });
});
