import { describe, expect, it } from "vitest";
import { fakeEstimate } from "../../test/helpers/fake-estimate.js";
import { standInEstimator } from "../../test/helpers/stand-in-estimator.js";
import { InfonceError } from "../errors.js";
import { createRng } from "../math/rng.js";
import type { PairedSample } from "../types.js";
import { autoEstimator, createAutoEstimator } from "./auto.js";
import { profileSample } from "./auto-profile.js";
import { detectCategorical } from "./categorical.js";
import { classicalEstimate } from "./classical-estimate.js";
import { ESTIMATORS } from "./index.js";
import { negativeIntervalWarning } from "./negative-interval.js";

/** n rows: a label in 0…classes−1 and `pixels` integer columns in 0…16 that depend on it. */
function pixelTable(n: number, pixels: number, classes: number, seed: number): PairedSample {
  const rng = createRng(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n * pixels);
  for (let i = 0; i < n; i++) {
    const c = rng.int(classes);
    x[i] = c;
    for (let j = 0; j < pixels; j++) {
      const v = 8 + 3 * (((c * 7 + j * 3) % 5) - 2) * 0.5 + 3 * rng.normal();
      y[i * pixels + j] = Math.min(16, Math.max(0, Math.round(v)));
    }
  }
  return { x: { rows: n, cols: 1, data: x }, y: { rows: n, cols: pixels, data: y } };
}

describe("categorical detection that fits the data (issue 11)", () => {
  it("64 integer pixel columns of ≤ 17 values are continuous; a 10-class label is categorical", () => {
    const s = pixelTable(600, 64, 10, 1);
    const p = profileSample(s);
    expect(p.kindX).toBe("discrete");
    expect(p.levelsX).toBe(10);
    expect(p.kindY).toBe("continuous");
  });

  it("a few integer columns with few joint rows stay categorical; too few rows per level do not", () => {
    const m = { rows: 40, cols: 2, data: Float64Array.from({ length: 80 }, (_, i) => (i >> 1) % (i % 2 ? 2 : 3)) };
    expect(detectCategorical(m, [false, false])).toEqual([true, true]); // 6 distinct rows ≤ 40/5
    const many = { rows: 40, cols: 1, data: Float64Array.from({ length: 40 }, (_, i) => i % 15) };
    expect(detectCategorical(many, [false])).toEqual([false]); // 15 levels > 8 = 40/5
    expect(detectCategorical(many, [true])).toEqual([true]); // declared by the reader: categorical whatever
  });

  it("honours PairedSample.categories (string columns) even with many levels", () => {
    const s = pixelTable(100, 2, 3, 2);
    const codes = Float64Array.from({ length: 100 }, (_, i) => i % 30);
    const labels = Array.from({ length: 30 }, (_, i) => `c${i}`);
    const declared: PairedSample = { ...s, x: { rows: 100, cols: 1, data: codes }, categories: { x: [labels], y: [] } };
    expect(profileSample(declared).kindX).toBe("discrete");
    expect(profileSample({ ...declared, categories: undefined }).kindX).toBe("continuous");
  });
});

describe("auto falls through (issue 11)", () => {
  const s = pixelTable(300, 3, 3, 3);

  it("a refusal moves on to the next estimator, with the reason in the warnings and settings.fallbacks", async () => {
    const refusing = standInEstimator("classifier", () => {
      throw new InfonceError("E_DATA", "stand-in refuses");
    });
    const auto = createAutoEstimator(async () => ({ ...ESTIMATORS, classifier: refusing }));
    const e = await auto.estimate(s, { replicates: 0 });
    expect(e.settings.choice).toBe("mixed");
    expect(e.warnings[0]).toMatch(/^fallback: classifier gave no usable estimate \(E_DATA: stand-in refuses\)/);
    expect(e.settings.fallbacks).toEqual([{ estimator: "classifier", reason: "E_DATA: stand-in refuses" }]);
  });

  it("a whole interval below 0 counts as a failure; a bad setting is thrown, not fallen through", async () => {
    const negative = standInEstimator("classifier", () => fakeEstimate("classifier", -0.25, [-0.3, -0.2], { n: 1 }));
    const auto = createAutoEstimator(async () => ({ ...ESTIMATORS, classifier: negative }));
    const e = await auto.estimate(s, { replicates: 0 });
    expect(e.settings.choice).toBe("mixed");
    expect(e.estimate).toBeGreaterThan(0);
    expect(e.warnings[0]).toMatch(/fallback: classifier .*whole 95% interval \[-0\.300, -0\.200\] lies below 0/);
    const badArg = standInEstimator("classifier", () => {
      throw new InfonceError("E_ARG", "capacity must be …");
    });
    await expect(createAutoEstimator(async () => ({ ...ESTIMATORS, classifier: badArg })).estimate(s)).rejects.toThrow(
      /capacity must be/,
    );
  });

  it("an estimate below 0 with no interval (too few rows for one) counts as a failure; at or above 0 it stands", async () => {
    const bare = (v: number) =>
      standInEstimator("classifier", () => fakeEstimate("classifier", v, [Number.NaN, Number.NaN]));
    const below = await createAutoEstimator(async () => ({ ...ESTIMATORS, classifier: bare(-2.78) })).estimate(s, {
      replicates: 0,
    });
    expect(below.settings.choice).toBe("mixed");
    expect(below.warnings[0]).toMatch(
      /fallback: classifier .*read -2\.780 nats, below 0, with too few rows for an interval/,
    );
    const above = await createAutoEstimator(async () => ({ ...ESTIMATORS, classifier: bare(0.4) })).estimate(s);
    expect(above.settings.choice).toBe("classifier");
  });

  it("an estimate below 0 whose interval reaches 0 reads 0, its interval and the value read kept, with a warning", async () => {
    const dip = standInEstimator("classifier", () => fakeEstimate("classifier", -0.58, [-1.7, 0.54], { n: 1 }));
    // Nor a bound beside it (the label's codes are numbers: the regression bound would run and be reported).
    const regression = standInEstimator("regression", () => {
      throw new InfonceError("E_DATA", "stand-in refuses");
    });
    const e = await createAutoEstimator(async () => ({ ...ESTIMATORS, classifier: dip, regression })).estimate(s, {
      replicates: 0,
    });
    expect(e.settings.choice).toBe("classifier");
    expect([e.estimate, e.estimateBits]).toEqual([0, 0]);
    expect(e.ci95).toEqual([-1.7, 0.54]);
    expect(e.settings.belowZero).toBe(-0.58);
    expect(e.warnings).toContain(
      "classifier read -0.580 nats [-1.700, 0.540]: MI is never negative and the interval reaches 0, so 0 is reported (no dependence shown; the value read is settings.belowZero)",
    );
    const above = standInEstimator("classifier", () => fakeEstimate("classifier", 0.2, [-0.1, 0.5], { n: 1 }));
    const kept = await createAutoEstimator(async () => ({ ...ESTIMATORS, classifier: above, regression })).estimate(s, {
      replicates: 0,
    });
    expect(kept.estimate).toBe(0.2);
    expect(kept.settings.belowZero).toBeUndefined();
  });

  it("when every estimate lies wholly below 0 (independent data, a tail sample): the highest, not a refusal", async () => {
    const negative = (name: string, v: number) =>
      standInEstimator(name, () => fakeEstimate(name, v, [v - 0.03, v + 0.028], { n: 1 }));
    // The first tried is not the highest (a neural bound on one small batch read −13 where the next read −0.067).
    const registry = {
      classifier: negative("classifier", -0.08),
      mixed: negative("mixed", -0.032),
      gaussian: negative("gaussian", -0.05),
    };
    const e = await createAutoEstimator(async () => registry).estimate(s);
    expect(e.settings.choice).toBe("mixed");
    expect(e.estimate).toBe(-0.032);
    expect(e.warnings.join("\n")).toMatch(/no estimate's interval reached 0 .* mixed's, the highest, is reported/);
    expect(e.warnings.join("\n")).toMatch(/fallback: classifier gave no usable estimate \(.*\)$/m);
    expect(e.settings.fallbacks).toHaveLength(2);
  });

  it("every estimate below 0, the highest with an interval that reaches 0: it is reported, floored at 0", async () => {
    // ISLR/NCI60.csv's shape, small: 64 rows, a 3-valued code among continuous columns against a continuous column.
    // InfoNCE (first) reads wholly below 0; the regression bound (tried late, falling through below 0) reads −0.067.
    const rng = createRng(12);
    const n = 64;
    const x = Float64Array.from({ length: n * 8 }, (_, i) => (i % 8 === 0 ? rng.int(3) : rng.normal()));
    const sample: PairedSample = {
      x: { rows: n, cols: 8, data: x },
      y: { rows: n, cols: 1, data: Float64Array.from({ length: n }, () => rng.normal()) },
    };
    expect(profileSample(sample).kindX).toBe("mixed");
    const registry = {
      infonce: standInEstimator("infonce", () => fakeEstimate("infonce", -13.03, [-24.91, -1.15], { n })),
      regression: standInEstimator("regression", () => fakeEstimate("regression", -0.067, [-0.172, 0.038], { n })),
      gaussian: standInEstimator("gaussian", () => {
        throw new InfonceError("E_DATA", "stand-in refuses");
      }),
    };
    const e = await createAutoEstimator(async () => registry).estimate(sample);
    expect(e.settings.choice).toBe("regression");
    expect([e.estimate, e.ci95, e.settings.belowZero]).toEqual([0, [-0.172, 0.038], -0.067]);
    const warnings = e.warnings.join("\n");
    expect(warnings).toMatch(/every estimate read below 0: .* regression's, the highest, is reported/);
    expect(warnings).toMatch(/regression read -0\.067 nats \[-0\.172, 0\.038\]: .* so 0 is reported/);
  });

  it("every estimate below 0, the highest with no interval (too few rows): it is reported, floored at 0", async () => {
    // UCI's hdswis.data --y 10: 5 complete rows of 123; Ross read −0.217 with no interval and was reported so.
    const registry = {
      classifier: standInEstimator("classifier", () => {
        throw new InfonceError("E_DATA", "classifier needs at least 10 rows");
      }),
      mixed: standInEstimator("mixed", () => fakeEstimate("mixed", -0.217, [Number.NaN, Number.NaN], { n: 5 })),
      gaussian: standInEstimator("gaussian", () => fakeEstimate("gaussian", -0.5, [-0.9, -0.1], { n: 5 })),
    };
    const e = await createAutoEstimator(async () => registry).estimate(s);
    expect(e.settings.choice).toBe("mixed");
    expect([e.estimate, e.settings.belowZero]).toEqual([0, -0.217]);
    const warnings = e.warnings.join("\n");
    expect(warnings).toMatch(/every estimate read below 0: .* mixed's, the highest, is reported/);
    expect(warnings).toMatch(/mixed read -0\.217 nats with too few rows for an interval: .* so 0 is reported/);
  });

  it("when every estimator refuses: one E_DATA line naming each reason", async () => {
    const refuse = (name: string) =>
      standInEstimator(name, () => {
        throw new InfonceError("E_DATA", `${name} says no`);
      });
    const registry = { classifier: refuse("classifier"), mixed: refuse("mixed"), gaussian: refuse("gaussian") };
    const run = createAutoEstimator(async () => registry).estimate(s);
    await expect(run).rejects.toMatchObject({ code: "E_DATA" });
    await expect(run).rejects.toThrow(/classifier: E_DATA: classifier says no; mixed: .*; gaussian: /);
  });
});

describe("impossible estimates carry a warning", () => {
  it("names the cause and the better estimator; none when the interval reaches 0", () => {
    expect(negativeIntervalWarning("mixed", [-0.3, -0.2])).toMatch(
      /lies below 0.*nearest-neighbour counts in many dimensions.*Use classifier/,
    );
    expect(negativeIntervalWarning("mixed", [-0.3, 0])).toBeNull();
  });
});

describe("issue 11's failures, each on a registered task", () => {
  it("64 integer pixel columns vs a digit label: auto returns the classifier's estimate, not a refusal", async () => {
    const { getTask } = await import("../tasks/registry.js");
    const task = getTask("label-pixels-10c-64d");
    const e = await autoEstimator.estimate(task.sample(300, 0), { seed: 0, capacity: "logistic", folds: 2 });
    expect(e.settings.choice).toBe("classifier");
    expect(e.settings.dataKind).toEqual({ x: "continuous", y: "discrete" });
    expect(e.estimate).toBeGreaterThan(0.5);
    expect(e.estimate).toBeLessThanOrEqual(Math.log(10) + 0.05);
  }, 300_000);

  it("string labels, 3 classes, n = 150 (iris): auto reaches scikit-learn's held-out logistic bound (Ross did not)", async () => {
    const { irisTask } = await import("../tasks/iris-task.js");
    const bound = irisTask.truthRange?.[0] as number;
    const s = irisTask.sample(150, 0);
    const e = await autoEstimator.estimate(s, { seed: 0 });
    const ross = await ESTIMATORS.mixed?.estimate(s, { seed: 0, replicates: 0 });
    expect(ross?.estimate).toBeLessThan(bound - 0.1); // the failure: 0.82
    expect(e.settings.choice).toBe("classifier");
    expect(e.estimate).toBeGreaterThanOrEqual(bound - 0.03);
    expect(e.estimate).toBeLessThanOrEqual(Math.log(3) + 0.05);
  }, 300_000);

  it("a classical estimate wholly below 0 carries the warning in its own result", () => {
    const e = classicalEstimate(
      "mixed",
      -0.25,
      1797,
      { stderr: 0.02, ci95: [-0.29, -0.21], method: "half-sample", replicates: 20 },
      [],
      0,
      {},
    );
    expect(e.warnings.join()).toMatch(/impossible estimate: the whole 95% interval \[-0\.290, -0\.210\]/);
  });
});
