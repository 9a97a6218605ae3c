import { describe, expect, it } from "vitest";
import { continuousProfile } from "../../test/helpers/continuous-profile.js";
import { fakeEstimate } from "../../test/helpers/fake-estimate.js";
import { standInEstimator } from "../../test/helpers/stand-in-estimator.js";
import { InfonceError } from "../errors.js";
import { createRng } from "../math/rng.js";
import type { Estimate, Estimator, PairedSample } from "../types.js";
import { createAutoEstimator } from "./auto.js";
import { candidateEstimators } from "./auto-choice.js";
import {
  AUTO_NEURAL_BESIDE_KSG,
  AUTO_REGRESSION_BESIDE_KSG_1X1,
  AUTO_REGRESSION_BESIDE_KSG_1X1_ROWS,
} from "./auto-companions.js";
import { profileSample, type SampleProfile } from "./auto-profile.js";
import { AUTO_REGRESSION_WORK, regressionWork } from "./auto-regression-cost.js";
import { ESTIMATORS } from "./index.js";

const profile = (dx: number, dy: number, z?: number) => continuousProfile(2000, dx, dy, z);

/** y = sin 2x₁ + x₂² + x₃/2 + 0.7 ε beside 7 more independent columns: dependence no Gaussian copula shows. */
function nonlinear(n: number, seed: number): PairedSample {
  const rng = createRng(seed);
  const d = 10;
  const x = Float64Array.from({ length: n * d }, () => rng.normal());
  const y = Float64Array.from({ length: n }, (_, r) => {
    const [a, b, c] = [x[r * d] as number, x[r * d + 1] as number, x[r * d + 2] as number];
    return Math.sin(2 * a) + b * b + c / 2 + 0.7 * rng.normal();
  });
  return { x: { rows: n, cols: d, data: x }, y: { rows: n, cols: 1, data: y } };
}

/** A stand-in InfoNCE that reports `value` with a tight interval (the real one takes seconds). */
function fixedInfonce(value: number, warnings: string[] = []): Estimator {
  return {
    name: "infonce",
    kind: "neural",
    description: "stand-in",
    async estimate(s): Promise<Estimate> {
      return {
        estimator: "infonce",
        estimate: value,
        estimateBits: value / Math.LN2,
        stderr: 0.01,
        ci95: [value - 0.02, value + 0.02],
        n: s.x.rows,
        logK: Math.log(256),
        saturated: false,
        warnings,
        seconds: 0,
        settings: {},
      };
    },
  };
}

const all = (_name: string) => true;

describe("auto: the regression bound beside high-dimensional continuous estimates", () => {
  it("the regression bound runs beside KSG, InfoNCE and the Gaussian copula when one side is a single column; InfoNCE beside KSG at high readings", () => {
    const beside = (dx: number, dy: number, z?: number, available = all) =>
      (candidateEstimators(profile(dx, dy, z), available)[0]?.companions ?? []).map((c) => c.estimator);
    const regression = { estimator: "regression", rule: "larger-bound" };
    expect(candidateEstimators(profile(10, 1), all)[0]).toMatchObject({ estimator: "infonce" });
    expect(candidateEstimators(profile(10, 1), all)[0]?.companions).toMatchObject([regression]);
    expect(candidateEstimators(profile(1, 10, 0.5), all)[0]).toMatchObject({ estimator: "gaussian" });
    expect(beside(1, 10, 0.5)).toEqual(["regression"]);
    // Within its work budget at n 2,000: 300 columns yes, 600 no.
    expect(regressionWork(2000, 300)).toBeLessThan(AUTO_REGRESSION_WORK);
    expect(regressionWork(2000, 600)).toBeGreaterThan(AUTO_REGRESSION_WORK);
    // flights-airport.csv --y count: 350 indicators of origin and destination on 5,366 rows (6.9e9) fit; 400 columns
    // on 20,000 rows (19 s) do not.
    expect(regressionWork(5366, 350)).toBeLessThan(AUTO_REGRESSION_WORK);
    expect(regressionWork(5366, 350)).toBeGreaterThan(5e9);
    expect(regressionWork(20_000, 400)).toBeGreaterThan(AUTO_REGRESSION_WORK);
    expect(beside(300, 1)).toEqual(["regression"]);
    expect(beside(600, 1)).toEqual([]);
    expect(beside(10, 1, undefined, (name) => name !== "regression")).toEqual([]);
    // KSG (≤ 6 dimensions): the regression bound for a one-column target facing several columns, InfoNCE from 3
    // dimensions when KSG reads ≥ AUTO_NEURAL_BESIDE_KSG nats; on 1+1 the bound alone, by the stricter rule.
    expect(candidateEstimators(profile(5, 1), all)[0]).toMatchObject({ estimator: "ksg" });
    expect(beside(5, 1)).toEqual(["regression", "infonce"]);
    expect(beside(3, 3)).toEqual(["infonce"]);
    expect(candidateEstimators(profile(3, 3), all)[0]?.companions?.[0]?.minEstimate).toBe(AUTO_NEURAL_BESIDE_KSG);
    expect(beside(5, 5)).toEqual([]);
  });

  it("on 1+1, beside KSG below AUTO_REGRESSION_BESIDE_KSG_1X1_ROWS rows, reported when its whole interval lies above", async () => {
    const onePair = (n: number) => candidateEstimators(continuousProfile(n, 1, 1), all)[0];
    expect(onePair(2000)).toMatchObject({
      estimator: "ksg",
      companions: [{ estimator: "regression", rule: AUTO_REGRESSION_BESIDE_KSG_1X1 }],
    });
    expect(onePair(2000)?.reason).toMatch(/regression bound \(when its whole 95% interval lies above\)/);
    expect(onePair(AUTO_REGRESSION_BESIDE_KSG_1X1_ROWS)?.companions).toBeUndefined();
    // y = x³ + x + 10⁻³ε, 1,000 rows (MI 7.9): KSG's 3 neighbours read it far low, the bound's interval lies above.
    const rng = createRng(5);
    const n = 1000;
    const x = Float64Array.from({ length: n }, () => rng.normal());
    const y = x.map((v) => v ** 3 + v + 1e-3 * rng.normal());
    const sample = { x: { rows: n, cols: 1, data: x }, y: { rows: n, cols: 1, data: y } };
    const r = await createAutoEstimator(async () => ESTIMATORS).estimate(sample);
    expect(r.settings.choice).toBe("regression");
    const [used] = (r.settings.companions ?? []) as {
      used?: boolean;
      replaced?: { estimator: string; estimate: number };
    }[];
    expect(used?.used).toBe(true);
    expect(used?.replaced?.estimator).toBe("ksg");
    expect(r.ci95[0]).toBeGreaterThan(used?.replaced?.estimate ?? Number.POSITIVE_INFINITY);
    expect(r.estimate).toBeGreaterThan(6);
    expect(r.settings.reason).toMatch(/whole 95% interval \(from \d\.\d{3}\) lies above the ksg estimate/);
  });

  it("counts a categorical column's indicators against its work budget, and says when it did not run", () => {
    // A text column and a number against a continuous y, 20,000 rows: 40 indicators fit, 1,944 do not (they cost
    // 10¹² multiply-adds; counted as 2 columns the bound ran for minutes).
    const mixed = (featuresX: number): SampleProfile => ({
      n: 20_000,
      dx: 2,
      dy: 1,
      kindX: "mixed",
      kindY: "continuous",
      categoricalX: [true, false],
      categoricalY: [false],
      featuresX,
    });
    const few = candidateEstimators(mixed(41), all);
    expect(few[0]?.companions?.map((c) => c.estimator)).toContain("regression");
    expect(few.every((c) => !c.warning?.includes("regression bound did not run"))).toBe(true);
    expect(regressionWork(20_000, 1944)).toBeGreaterThan(AUTO_REGRESSION_WORK);
    const many = candidateEstimators(mixed(1944), all);
    expect(many.flatMap((c) => c.companions ?? []).map((c) => c.estimator)).not.toContain("regression");
    expect(many[0]?.warning).toMatch(/regression bound did not run: X's 2 columns make 1944 feature columns/);
    expect(many.every((c) => c.warning?.includes("regression bound did not run"))).toBe(true);
    // All-categorical sides are counted the same way (2,000 states × 10 quarters: it ran beside Gao's estimate too).
    const rng = createRng(9);
    const n = 20_000;
    const states = Array.from({ length: 2000 }, (_, i) => `s${i}`);
    const panel: PairedSample = {
      x: {
        rows: n,
        cols: 2,
        data: Float64Array.from({ length: 2 * n }, (_, i) =>
          i % 2 === 0 ? (i >> 1) % 2000 : Math.floor((i >> 1) / 2000),
        ),
      },
      y: { rows: n, cols: 1, data: Float64Array.from({ length: n }, () => rng.normal()) },
      categories: { x: [states, Array.from({ length: 10 }, (_, q) => `Q${q}`)], y: [undefined] },
    };
    const p = profileSample(panel, {});
    expect(p.kindX).toBe("discrete");
    expect(p.featuresX).toBeGreaterThan(1900);
    expect(
      candidateEstimators(p, all).flatMap((c) => [c.estimator, ...(c.companions ?? []).map((m) => m.estimator)]),
    ).not.toContain("regression");
    // A label side (2,000 cities, no other column) is read by the classifier and Ross's estimate: nothing to say.
    const city: SampleProfile = { ...mixed(1943), dx: 1, kindX: "discrete", categoricalX: [true], levelsX: 2000 };
    expect(candidateEstimators(city, all)[0]).toMatchObject({ estimator: "mixed", settings: { method: "ross" } });
    expect(candidateEstimators(city, all).some((c) => c.warning?.includes("regression bound did not run"))).toBe(false);
    // Without the regression estimator registered there is nothing to say.
    expect(candidateEstimators(mixed(1944), (n) => n !== "regression")[0]?.warning).toBeUndefined();
  });

  it("runs on its own before the last resort when the estimators above fall through", () => {
    // Text columns whose every row is a distinct combination (no label) against a number, 162 rows (organ donations
    // by State and Quarter): Gao's estimate and InfoNCE, then the regression bound, then the Gaussian copula.
    const codes: SampleProfile = {
      n: 162,
      dx: 2,
      dy: 1,
      kindX: "discrete",
      kindY: "continuous",
      categoricalX: [true, true],
      categoricalY: [false],
      levelsX: 162,
    };
    const order = candidateEstimators(codes, all).map((c) => c.estimator);
    expect(order).toEqual(["mixed", "infonce", "regression", "gaussian"]);
    expect(candidateEstimators(codes, all)[2]).toMatchObject({ settings: { target: "y" }, fallThroughBelowZero: true });
    // Where it already runs on its own (a small continuous table), not twice.
    const small = candidateEstimators(continuousProfile(100, 30, 1), all).map((c) => c.estimator);
    expect(small.filter((e) => e === "regression")).toHaveLength(1);
    // No one-column continuous side, no regression.
    expect(candidateEstimators(profile(10, 10), all).map((c) => c.estimator)).not.toContain("regression");
  });

  it("on its own, falls through when it reads below 0, and is reported when it does not", async () => {
    // Text codes against a number: Gao's estimate and InfoNCE refuse (stand-ins), then the regression bound.
    const rng = createRng(4);
    const n = 60;
    const codes = Float64Array.from({ length: n * 2 }, (_, i) => (i % 2 === 0 ? i / 2 : rng.int(3)));
    const sample: PairedSample = {
      x: { rows: n, cols: 2, data: codes },
      y: { rows: n, cols: 1, data: Float64Array.from({ length: n }, () => rng.normal()) },
      categories: { x: [Array.from({ length: n }, (_, i) => `c${i}`), ["a", "b", "c"]], y: [undefined] },
    };
    const refuse = (name: string) =>
      standInEstimator(name, () => {
        throw new InfonceError("E_DATA", `${name} refuses`);
      });
    const run = (regression: number) =>
      createAutoEstimator(async () => ({
        ...ESTIMATORS,
        mixed: refuse("mixed"),
        infonce: refuse("infonce"),
        regression: standInEstimator("regression", () =>
          fakeEstimate("regression", regression, [regression - 0.4, regression + 0.4]),
        ),
        gaussian: standInEstimator("gaussian", () => fakeEstimate("gaussian", 0.25, [0, 0.5])),
      })).estimate(sample);
    const below = await run(-0.2);
    expect(below.settings.choice).toBe("gaussian");
    expect(below.settings.fallbacks).toContainEqual({
      estimator: "regression",
      reason: expect.stringContaining("it read -0.200 nats, below 0"),
    });
    const above = await run(0.6);
    expect(above.settings.choice).toBe("regression");
    expect(above.estimate).toBe(0.6);
  });

  it("is reported when larger, saying what it replaced (y = sin 2x₁ + x₂² + x₃/2 + noise: 0.73 against 0.05)", async () => {
    const batchNote = "batch size 256 is larger than the training split";
    const auto = createAutoEstimator(async () => ({ ...ESTIMATORS, infonce: fixedInfonce(0.05, [batchNote]) }));
    const r = await auto.estimate(nonlinear(2000, 3));
    expect(r.settings.choice).toBe("regression");
    expect(r.estimate).toBeGreaterThan(0.65);
    expect(r.settings.reason).toMatch(/regression bound \(0\.7\d\d\) exceeds the (infonce|gaussian) estimate/);
    expect(r.settings.companions).toContainEqual(
      expect.objectContaining({ estimator: "regression", used: true, replaced: expect.any(Object) }),
    );
    // The replaced estimate's own warning stays with it (JSON), not among the reported estimate's warnings.
    const used = r.settings.companions?.find((c) => c.used === true) as { replaced?: { warnings?: string[] } };
    expect(used.replaced).toEqual(expect.objectContaining({ estimator: "infonce", warnings: [batchNote] }));
    expect(r.warnings.some((w) => w.includes(batchNote))).toBe(false);
  });

  it("is not reported when it is not larger: the chosen estimate stands, the bound is shown beside it", async () => {
    const auto = createAutoEstimator(async () => ({ ...ESTIMATORS, infonce: fixedInfonce(1.5) }));
    const r = await auto.estimate(nonlinear(2000, 3));
    expect(r.settings.choice).not.toBe("regression");
    expect(r.settings.companions).toEqual([
      expect.objectContaining({ estimator: "regression", estimate: expect.any(Number) }),
    ]);
    expect(r.settings.companions?.[0]).not.toHaveProperty("used");
  });

  it("passes the caller's explicit settings to the estimates run beside, as to the chosen one", async () => {
    const seen: Readonly<Record<string, unknown>>[] = [];
    const capturing: Estimator = {
      ...fixedInfonce(0.5),
      async estimate(s, options = {}) {
        seen.push(options);
        return fixedInfonce(0.5).estimate(s, options);
      },
    };
    const auto = createAutoEstimator(async () => ({ ...ESTIMATORS, infonce: capturing }));
    // 3+3 pairs of correlation 0.95, each row scaled by a shared 0.7 or 2 (heavy joint tails, so not a Gaussian
    // copula and KSG is the choice): KSG reads above 1 nat, so InfoNCE runs beside it.
    const rng = createRng(8);
    const n = 1000;
    const x = new Float64Array(n * 3);
    const y = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) {
      const scale = rng.uniform() < 0.8 ? 0.7 : 2;
      for (let c = 0; c < 3; c++) {
        const a = rng.normal();
        x[i * 3 + c] = scale * a;
        y[i * 3 + c] = scale * (0.95 * a + Math.sqrt(1 - 0.95 ** 2) * rng.normal());
      }
    }
    const sample = { x: { rows: n, cols: 3, data: x }, y: { rows: n, cols: 3, data: y } };
    await auto.estimate(sample, { copula: false, replicates: 0 });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.copula).toBe(false);
  });
});
