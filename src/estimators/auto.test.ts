import { describe, expect, it } from "vitest";
import { collinearGaussian } from "../../test/helpers/collinear-gaussian.js";
import { createRng } from "../math/rng.js";
import type { EstimateOptions, Estimator, PairedSample } from "../types.js";
import { autoEstimator, createAutoEstimator } from "./auto.js";
import { AUTO_COPULA_Z, AUTO_MAX_KSG_DIM, candidateEstimators, selectEstimator } from "./auto-choice.js";
import { profileSample, type SampleProfile } from "./auto-profile.js";
import { ESTIMATORS } from "./index.js";
import { NEURAL_SETTINGS } from "./neural-settings.js";

/**
 * n rows of x ~ N(0, I_d), y = 0.8 x + 0.6 ε, each row scaled by a shared random factor (0.7 or 2): heavy joint
 * tails, a copula Mardia's test rejects (its z is in the tens at n 400, d 12).
 */
function heavyTailed(n: number, d: number, seed = 5): PairedSample {
  const rng = createRng(seed);
  const x = new Float64Array(n * d);
  const y = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const scale = rng.uniform() < 0.8 ? 0.7 : 2;
    for (let c = 0; c < d; c++) {
      const a = rng.normal();
      x[i * d + c] = scale * a;
      y[i * d + c] = scale * (0.8 * a + 0.6 * rng.normal());
    }
  }
  return { x: { rows: n, cols: d, data: x }, y: { rows: n, cols: d, data: y } };
}

function sample(
  n: number,
  dx: number,
  dy: number,
  kind: (rng: ReturnType<typeof createRng>, side: "x" | "y", c: number) => number,
): PairedSample {
  const rng = createRng(n + dx + dy);
  const x = new Float64Array(n * dx);
  const y = new Float64Array(n * dy);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < dx; c++) x[i * dx + c] = kind(rng, "x", c);
    for (let c = 0; c < dy; c++) y[i * dy + c] = kind(rng, "y", c) + Math.round(0.8 * (x[i * dx] as number));
  }
  return { x: { rows: n, cols: dx, data: x }, y: { rows: n, cols: dy, data: y } };
}

/**
 * auto without the neural estimator, for the tests of the Gaussian-copula choice: InfoNCE beside it (seconds of
 * training in each) is tested in auto-copula-companion.test.ts.
 */
const { infonce: _infonce, ...classicalRegistry } = ESTIMATORS;
const classicalAuto = createAutoEstimator(async () => classicalRegistry);

const profile = (over: Partial<SampleProfile>): SampleProfile => ({
  n: 1000,
  dx: 1,
  dy: 1,
  kindX: "continuous",
  kindY: "continuous",
  categoricalX: [false],
  categoricalY: [false],
  ...over,
});

describe("auto: the selection rule", () => {
  const all = (): boolean => true;
  const none = (): boolean => false;
  it("discrete → discrete; a label → the classifier with Ross beside it (Ross alone without it); mixed sides → Gao", () => {
    const noClassifier = (name: string): boolean => name !== "classifier";
    expect(selectEstimator(profile({ kindX: "discrete", kindY: "discrete" }), all)).toMatchObject({
      estimator: "discrete",
      settings: {},
    });
    expect(selectEstimator(profile({ kindX: "discrete", levelsX: 3 }), all)).toMatchObject({
      estimator: "classifier",
      settings: { labels: "x" },
      companions: [{ estimator: "mixed", settings: { method: "ross" } }],
    });
    expect(selectEstimator(profile({ kindX: "discrete" }), noClassifier)).toMatchObject({
      estimator: "mixed",
      settings: { method: "ross" },
    });
    expect(selectEstimator(profile({ kindY: "discrete" }), noClassifier).reason).toMatch(
      /^y categorical, x continuous/,
    );
    expect(selectEstimator(profile({ kindX: "mixed" }), all)).toMatchObject({
      estimator: "mixed",
      settings: { method: "gao" },
    });
  });
  it("a label against hundreds of columns: the classifier without a neighbour companion, never k-NN", () => {
    const wide = profile({ n: 10000, dx: 1, dy: 800, kindX: "discrete", levelsX: 10 });
    const list = candidateEstimators(wide, all);
    expect(list[0]).toMatchObject({ estimator: "classifier", settings: { labels: "x" } });
    expect(list[0]?.companions).toBeUndefined();
    expect(list.map((c) => c.estimator)).not.toContain("mixed");
    expect(list.map((c) => c.estimator)).not.toContain("ksg");
    expect(list.at(-1)?.estimator).toBe("gaussian");
  });
  it("a categorical side with more distinct rows than half the sample is no label: no classifier, no Ross", () => {
    const bools = profile({ n: 3000, dx: 20, dy: 1, kindX: "discrete", levelsX: 2997 });
    const list = candidateEstimators(bools, all).map((c) => c.estimator);
    expect(list[0]).toBe("infonce");
    expect(list).not.toContain("classifier");
    expect(list).not.toContain("mixed");
    // At half the rows it is still a label: Ross's estimate first (1,500 classes make the classifier too costly to
    // run first, auto-classifier-cost.test.ts), the classifier after it.
    const half = candidateEstimators({ ...bools, levelsX: 1500 }, all).map((c) => c.estimator);
    expect(half.slice(0, 2)).toEqual(["mixed", "classifier"]);
  });
  it("mixed sides: Gao first up to 6 dimensions; above, InfoNCE first and Gao as its fallback (up to 20)", () => {
    const order = (dx: number, dy: number, available: (name: string) => boolean = all) =>
      candidateEstimators(profile({ dx, dy, kindX: "mixed" }), available).map((c) =>
        c.estimator === "mixed" ? `mixed:${String(c.settings.method)}` : c.estimator,
      );
    expect(order(3, 3)).toEqual(["mixed:gao", "infonce", "gaussian"]);
    // A one-column continuous y: the regression bound on its own before the last resort.
    expect(order(7, 1)).toEqual(["infonce", "mixed:gao", "regression", "gaussian"]);
    expect(order(20, 1)).toEqual(["infonce", "regression", "gaussian"]);
    expect(order(7, 1, (name) => name !== "infonce")).toEqual(["mixed:gao", "regression", "gaussian"]);
  });
  it("low-dimensional continuous → KSG on copula data with a Gaussian-copula reference", () => {
    const c = selectEstimator(profile({ dx: 3, dy: AUTO_MAX_KSG_DIM - 3 }), all);
    expect(c).toMatchObject({
      estimator: "ksg",
      settings: { copula: true, k: 3 },
      reference: { estimator: "gaussian" },
    });
    expect(c.reason).toMatch(/KSG/);
  });
  it("high-dimensional continuous → infonce when registered, else the Gaussian copula with a warning", () => {
    const high = profile({ dx: 4, dy: AUTO_MAX_KSG_DIM - 3 });
    expect(selectEstimator(high, all)).toMatchObject({ estimator: "infonce", reference: { estimator: "gaussian" } });
    expect(selectEstimator(high, all).settings).toEqual({ copula: true, whiten: true });
    const fallback = selectEstimator(high, none);
    expect(fallback).toMatchObject({ estimator: "gaussian", settings: { copula: true } });
    expect(fallback.warning).toMatch(/fell back to the Gaussian-copula estimate/);
  });
});

describe("auto: profiling and the estimator", () => {
  it("detects categorical sides (integer-valued, ≤ 20 values) and honours overrides", () => {
    const s = sample(300, 2, 1, (rng, side, c) => (side === "x" && c === 0 ? rng.int(3) : rng.normal()));
    const p = profileSample(s);
    expect(p.categoricalX).toEqual([true, false]);
    expect(p.kindX).toBe("mixed");
    expect(p.kindY).toBe("continuous");
    expect(profileSample(s, { discrete: { x: false } }).kindX).toBe("continuous");
    expect(profileSample(s, { "discrete.x": false }).kindX).toBe("continuous");
    expect(profileSample(s, { "discrete.y": true }).kindY).toBe("discrete");
    expect(profileSample(s, { maxCategories: 2 }).kindX).toBe("continuous");
  });

  it("continuous 1+1: runs KSG on copula data, reports choice, reason and the reference", async () => {
    const s = sample(1500, 1, 1, (rng) => rng.normal());
    const e = await autoEstimator.estimate(s, { seed: 1, replicates: 4 });
    expect(e.estimator).toBe("auto");
    expect(e.settings.choice).toBe("ksg");
    expect(e.settings.preprocessing).toBe("copula");
    expect(String(e.settings.reason)).toMatch(/continuous, 1\+1 dimensions/);
    const ref = e.settings.reference as { estimate: number; ci95: [number, number] };
    expect(Math.abs(ref.estimate - e.estimate)).toBeLessThan(0.1);
    const direct = await ESTIMATORS.ksg?.estimate(s, { copula: true, seed: 1, replicates: 4 });
    expect(e.estimate).toBe(direct?.estimate);
    expect(e.ci95).toEqual(direct?.ci95);
    expect(e.logK).toBeNull();
  });

  it("discrete data → the Miller–Madow plug-in; an explicit k passes through", async () => {
    const s = sample(800, 1, 1, (rng) => rng.int(4));
    const e = await autoEstimator.estimate(s, { replicates: 0 });
    expect(e.settings.choice).toBe("discrete");
    expect(e.settings.correction).toBe("miller-madow");
    const m = await autoEstimator.estimate(
      sample(800, 1, 1, (rng, side) => (side === "x" ? rng.int(4) : rng.normal())),
      {
        replicates: 0,
        k: 5,
      },
    );
    expect(m.settings.choice).toBe("mixed");
    expect(m.settings.k).toBe(5);
  }, 300_000);

  it("high dimension: runs the registered neural estimator, turns saturation into a warning, adds the reference", async () => {
    const seen: EstimateOptions[] = [];
    const fakeInfonce: Estimator = {
      name: "infonce",
      kind: "neural",
      description: "stand-in",
      settings: NEURAL_SETTINGS,
      async estimate(s, options = {}) {
        seen.push(options);
        const logK = Math.log(64);
        return {
          estimator: "infonce",
          estimate: 0.97 * logK,
          estimateBits: (0.97 * logK) / Math.LN2,
          stderr: 0.01,
          ci95: [0.97 * logK - 0.02, 0.97 * logK + 0.02],
          n: s.x.rows,
          logK,
          saturated: true,
          warnings: [],
          seconds: 0,
          settings: { batchSize: 64 },
        };
      },
    };
    const auto = createAutoEstimator(async () => ({ ...ESTIMATORS, infonce: fakeInfonce }));
    const s = heavyTailed(400, 6);
    const e = await auto.estimate(s, { seed: 3, k: 5, replicates: 7 });
    expect(e.settings.choice).toBe("infonce");
    expect(String(e.settings.reason)).toMatch(/not a Gaussian copula by Mardia's test, z = \d+\.\d\d/);
    // The copula transform by default; classical-only settings are not passed to a neural estimator.
    expect(seen[0]).toEqual({ seed: 3, copula: true, whiten: true });
    expect(e.saturated).toBe(true);
    expect(e.warnings.join()).toMatch(/saturated: .*log K = 4\.159.*Gaussian-copula reference: \d\.\d{3} nats/);
    expect((e.settings.reference as { estimate: number }).estimate).toBeGreaterThan(0);
    // Without a neural estimator registered: the Gaussian copula, with a warning.
    const e2 = await classicalAuto.estimate(s, { replicates: 0 });
    expect(e2.settings.choice).toBe("gaussian");
    expect(e2.settings.copula).toBe(true);
    expect(e2.warnings.join()).toMatch(/fell back to the Gaussian-copula estimate/);
    // The caller's explicit neural settings pass through, copula: false included (issue 11: `auto --copula`).
    await auto.estimate(s, { seed: 4, copula: false, maxSteps: 7, hidden: [8] });
    expect(seen[1]).toEqual({ seed: 4, copula: false, whiten: true, maxSteps: 7, hidden: [8] });
  });

  it("high dimension with a Gaussian copula: the Gaussian-copula estimate, exact there (even through warps)", async () => {
    // 6+6 Gaussian, ρ = 0.9 per pair (I = −6/2 log(1 − 0.81) = 4.98 nats), each column warped by an increasing map.
    const rng = createRng(11);
    const n = 2000;
    const x = new Float64Array(n * 6);
    const y = new Float64Array(n * 6);
    for (let i = 0; i < n * 6; i++) {
      const a = rng.normal();
      x[i] = Math.sinh(a) + a ** 3;
      y[i] = Math.exp(0.9 * a + Math.sqrt(1 - 0.81) * rng.normal());
    }
    const s = { x: { rows: n, cols: 6, data: x }, y: { rows: n, cols: 6, data: y } };
    const profile = profileSample(s);
    expect(Math.abs(profile.copulaKurtosisZ ?? Number.NaN)).toBeLessThanOrEqual(AUTO_COPULA_Z);
    const e = await classicalAuto.estimate(s, { replicates: 0 });
    expect(e.settings.choice).toBe("gaussian");
    expect(String(e.settings.reason)).toMatch(/Gaussian copula by Mardia's kurtosis test \(z = -?\d\.\d\d/);
    expect(Math.abs(e.estimate - -3 * Math.log(1 - 0.81))).toBeLessThan(0.1);
    // The same law with heavy joint tails is not a Gaussian copula: auto does not take the shortcut.
    expect(Math.abs(profileSample(heavyTailed(2000, 6)).copulaKurtosisZ ?? 0)).toBeGreaterThan(AUTO_COPULA_Z);
    // Fewer than 4 rows per dimension: not computed.
    expect(profileSample(heavyTailed(40, 6)).copulaKurtosisZ).toBeUndefined();
    expect(profileSample(heavyTailed(48, 6)).copulaKurtosisZ).toBeDefined();
  });

  it("a Gaussian copula of strongly correlated columns is still one: the Gaussian-copula estimate, exact there", async () => {
    // collinearGaussian: 4+4, columns of a side correlated ≥ 0.99, I = 1 nat in the shared direction; here each column
    // warped (exp, cube). Mardia's asymptotic null rejected such tables (z = 3.0) and InfoNCE read 0.24.
    const s = collinearGaussian(1000, 21, 0);
    const warped = {
      x: { ...s.x, data: s.x.data.map(Math.exp) },
      y: { ...s.y, data: s.y.data.map((v) => v ** 3) },
    };
    const e = await classicalAuto.estimate(warped);
    expect(e.settings.choice).toBe("gaussian");
    expect(Math.abs(e.estimate - 1)).toBeLessThan(0.1);
  });

  it("3 to 6 dimensions, 1,000 rows or more, a Gaussian copula: the Gaussian-copula estimate, not KSG's low reading", async () => {
    // 3+3 pairs of correlation ρ, ρ² = 1 − e^(−2·0.8/3) (I = 0.8 nats exactly), warped by increasing maps; KSG read
    // 0.722 on average over 10 such samples.
    const rho = Math.sqrt(1 - Math.exp((-2 * 0.8) / 3));
    const make = (n: number, seed: number, law: (a: number, rng: ReturnType<typeof createRng>) => number) => {
      const rng = createRng(seed);
      const x = new Float64Array(n * 3);
      const y = new Float64Array(n * 3);
      for (let i = 0; i < n * 3; i++) {
        const a = rng.normal();
        x[i] = Math.sinh(a) + a ** 3;
        y[i] = law(a, rng);
      }
      return { x: { rows: n, cols: 3, data: x }, y: { rows: n, cols: 3, data: y } };
    };
    const gaussian = (a: number, rng: ReturnType<typeof createRng>) =>
      Math.exp(rho * a + Math.sqrt(1 - rho * rho) * rng.normal());
    const e = await classicalAuto.estimate(make(1000, 31, gaussian));
    expect(e.settings.choice).toBe("gaussian");
    expect(Math.abs(e.estimate - 0.8)).toBeLessThan(0.06);
    expect(e.ci95[0]).toBeLessThanOrEqual(0.8);
    expect(e.ci95[1]).toBeGreaterThanOrEqual(0.8);
    // Y = X² + 0.3ε is not a Gaussian copula (and its Gaussian-copula MI is near 0): KSG stays the choice — the t
    // copula, tried first for the heavy joint tails, fails its check, and auto says so.
    const squareSample = make(1000, 32, (a, rng) => a * a + 0.3 * rng.normal());
    const square = profileSample(squareSample);
    expect(Math.abs(square.copulaKurtosisZ ?? 0)).toBeGreaterThan(AUTO_COPULA_Z);
    expect(selectEstimator(square, () => true).estimator).toBe("t-copula");
    const ran = await classicalAuto.estimate(squareSample);
    expect(ran.settings.choice).toBe("ksg");
    expect(ran.warnings.some((w) => w.includes("t-copula") && w.includes("no t copula"))).toBe(true);
    // Below 1,000 rows the test is not run there: KSG.
    expect(profileSample(make(999, 31, gaussian)).copulaKurtosisZ).toBeUndefined();
  });

  it("rejects bad input like every estimator", async () => {
    const s = sample(50, 1, 1, (rng) => rng.normal());
    const bad = { x: s.x, y: { ...s.y, data: s.y.data.map((v, i) => (i === 4 ? Number.NaN : v)) } };
    await expect(autoEstimator.estimate(bad)).rejects.toThrow(/y has NaN at row 4, column 0/);
  });
});
