import { describe, expect, it } from "vitest";
import { tsKernel } from "../linalg/ts-kernel.js";
import { createRng } from "../math/rng.js";
import type { PairedSample } from "../types.js";
import { classifierEstimator } from "./classifier.js";

const LEVELS = 10;
const n = 600;

/** H of a Bernoulli(p) in nats. */
const h = (p: number) => -(p * Math.log(p) + (1 - p) * Math.log(1 - p));

/**
 * An integer feature 0…9 (each level 60 rows, so it is detected as categorical) and a binary label with
 * P(y = 1 | x) = p[x]. Exact MI (x uniform over its levels): H(mean p) − mean H(p[x]).
 */
function sample(p: readonly number[], seed: number): { sample: PairedSample; mi: number } {
  const rng = createRng(seed, 7);
  const x = Float64Array.from({ length: n }, (_, i) => i % LEVELS);
  const y = x.map((v) => (rng.uniform() < (p[v] as number) ? 1 : 0));
  const mean = p.reduce((a, b) => a + b, 0) / LEVELS;
  const mi = h(mean) - p.reduce((a, b) => a + h(b), 0) / LEVELS;
  return { sample: { x: { rows: n, cols: 1, data: x }, y: { rows: n, cols: 1, data: y } }, mi };
}

const chosen = (settings: unknown): readonly string[] => (settings as { chosenCapacity: string[] }).chosenCapacity;

describe("classifier: integer codes as numbers or as indicators, chosen on held-out rows", () => {
  it("reads an ordered code (a logistic slope in the level) as numbers, and reaches the exact MI", async () => {
    const { sample: s, mi } = sample(
      Array.from({ length: LEVELS }, (_, l) => 1 / (1 + Math.exp(-0.8 * (l - 4.5)))),
      1,
    );
    const r = await classifierEstimator.estimate(s, { kernel: tsKernel, seed: 0, labels: "y" });
    expect(chosen(r.settings).filter((c) => c.endsWith("codes as numbers")).length).toBeGreaterThanOrEqual(4);
    expect(Math.abs(r.estimate - mi)).toBeLessThan(0.06);
  });
  it("reads a nominal code (no order in the levels) as indicators, and reaches the exact MI", async () => {
    const high = new Set([1, 4, 6, 9]);
    const { sample: s, mi } = sample(
      Array.from({ length: LEVELS }, (_, l) => (high.has(l) ? 0.85 : 0.15)),
      2,
    );
    const r = await classifierEstimator.estimate(s, { kernel: tsKernel, seed: 0, labels: "y" });
    expect(chosen(r.settings).filter((c) => c.endsWith("codes as numbers")).length).toBe(0);
    expect(Math.abs(r.estimate - mi)).toBeLessThan(0.06);
  });

  /**
   * 300 rows: a 3-class label, an integer column round(1.5 y + ε), and two 30-level text columns of noise (a team and
   * its abbreviation).
   */
  function teams(): { all: PairedSample; alone: PairedSample } {
    const rows = 300;
    const rng = createRng(5, 3);
    const x = new Float64Array(rows * 3);
    const y = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      const label = Math.floor(rng.uniform() * 3);
      const team = Math.floor(rng.uniform() * 30);
      y[i] = label;
      x.set([team, team, Math.round(1.5 * label + rng.normal())], 3 * i);
    }
    const names = Array.from({ length: 30 }, (_, t) => `T${t}`);
    const all: PairedSample = {
      x: { rows, cols: 3, data: x },
      y: { rows, cols: 1, data: y },
      categories: { x: [names, names, undefined], y: [undefined] },
    };
    const alone: PairedSample = {
      x: { rows, cols: 1, data: Float64Array.from({ length: rows }, (_, i) => x[3 * i + 2] as number) },
      y: all.y,
    };
    return { all, alone };
  }
  const options = { kernel: tsKernel, seed: 0, labels: "y" } as const;

  it("leaves many-level text columns out where they only dilute the penalty: the bound of the informative column", async () => {
    // With them the logistic L2 that holds 58 indicators back shrinks the slope too.
    const { all, alone } = teams();
    const [r, single] = await Promise.all([all, alone].map((d) => classifierEstimator.estimate(d, options)));
    expect(chosen(r?.settings).filter((c) => c.endsWith("many-level columns left out")).length).toBeGreaterThanOrEqual(
      4,
    );
    expect(r?.estimate).toBeGreaterThan((single?.estimate ?? 0) - 0.03);
  });

  it("manyLevelColumns 'leave out': reads the other columns alone, with a warning; moot where none is many-level", async () => {
    const { all, alone } = teams();
    const r = await classifierEstimator.estimate(all, { ...options, manyLevelColumns: "leave out" });
    // (its copy, column 1, was set aside as a duplicate before)
    expect(r.warnings).toContain(
      "classifier left out x column 0 (0-based, in the order given): text of 10 or more indicators each (manyLevelColumns: 'leave out')",
    );
    // The model read what the informative column alone gives; where no column is many-level the setting is moot.
    const plain = await classifierEstimator.estimate(alone, options);
    expect(r.estimate).toBe(plain.estimate);
    const leave = await classifierEstimator.estimate(alone, { ...options, manyLevelColumns: "leave out" });
    expect(leave.estimate).toBe(plain.estimate);
    expect(leave.warnings).toEqual(plain.warnings);
  });
});
