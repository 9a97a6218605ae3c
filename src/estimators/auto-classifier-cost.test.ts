import { describe, expect, it } from "vitest";
import { createRng } from "../math/rng.js";
import type { PairedSample } from "../types.js";
import { candidateEstimators } from "./auto-choice.js";
import {
  AUTO_CLASSIFIER_BESIDE_WORK,
  AUTO_CLASSIFIER_WORK,
  classifierFeatures,
  classifierWork,
} from "./auto-classifier-cost.js";
import { profileSample, type SampleProfile } from "./auto-profile.js";

/** x a label of `levels` classes in n rows, y `dy` continuous columns. */
function labelled(n: number, levels: number, dy: number): SampleProfile {
  return {
    n,
    dx: 1,
    dy,
    kindX: "discrete",
    kindY: "continuous",
    categoricalX: [true],
    categoricalY: Array(dy).fill(false),
    levelsX: levels,
  };
}
const all = () => true;

describe("auto puts the classifier after Ross's estimate when its fits would cost too much", () => {
  it("51 classes in 42,000 rows from one column: Ross first, the classifier as its fallback", () => {
    const p = labelled(42_000, 51, 1);
    expect(classifierWork(42_000, 51, 1)).toBeGreaterThan(AUTO_CLASSIFIER_WORK);
    const order = candidateEstimators(p, all).map((c) => `${c.estimator}:${String(c.settings.method ?? "")}`);
    expect(order.slice(0, 2)).toEqual(["mixed:ross", "classifier:"]);
    expect(candidateEstimators(p, all)[0]?.reason).toMatch(/51 classes in 42000 rows: the classifier bound would cost/);
  });
  it("the same label in 3,400 rows, or 3 classes in 42,000, keeps the classifier first with Ross beside", () => {
    for (const p of [labelled(3_400, 51, 1), labelled(42_000, 3, 1)]) {
      const first = candidateEstimators(p, all)[0];
      expect(first?.estimator).toBe("classifier");
      expect(first?.companions?.map((c) => c.estimator)).toEqual(["mixed"]);
    }
  });
  it("where Ross does not apply (more than its dimensions), a costly classifier still runs first", () => {
    const first = candidateEstimators(labelled(42_000, 51, 40), all)[0];
    expect(first?.estimator).toBe("classifier");
  });
});

describe("a label from a mixed side: the classifier's width counts its one-hot indicators", () => {
  it("classifierFeatures: one per continuous column, categories of ≥ 5 rows but the reference per categorical one", () => {
    // Column 0 continuous; column 1 has categories of 7, 5, 4 and 1 rows (17 rows): 7 is the reference, 5 is kept,
    // 4 and 1 are too rare alone and pooled (5 rows) — 2 indicators; without the 1-row level, the 4 share the reference.
    const codes = [...Array(7).fill(0), ...Array(5).fill(1), ...Array(4).fill(2), 3];
    const data = Float64Array.from(codes.flatMap((c, i) => [i * 0.5, c]));
    expect(classifierFeatures({ rows: codes.length, cols: 2, data }, [false, true])).toBe(3);
    const fewer = data.subarray(0, 2 * (codes.length - 1));
    expect(classifierFeatures({ rows: codes.length - 1, cols: 2, data: fewer }, [false, true])).toBe(2);
  });
  const mixed = (features: number): SampleProfile => ({
    n: 42_000,
    dx: 5,
    dy: 1,
    kindX: "mixed",
    kindY: "discrete",
    categoricalX: [false, false, false, true, true],
    categoricalY: [true],
    levelsY: 59,
    featuresX: features,
  });
  it("zip codes' state from the other five columns (city, county one-hot: 2,950 features): knn-classifier, then Gao", () => {
    const order = candidateEstimators(mixed(2_950), all).map(
      (c) => `${c.estimator}:${String(c.settings.method ?? "")}`,
    );
    expect(order.slice(0, 3)).toEqual(["knn-classifier:", "mixed:gao", "classifier:"]);
    const [first, second] = candidateEstimators(mixed(2_950), all);
    expect(first?.settings).toEqual({ labels: "y" });
    expect(first?.reason).toMatch(
      /59 classes, 2950 features one-hot, 42000 rows: the classifier bound would cost 7\.3e\+9/,
    );
    expect(first?.warning).toMatch(
      /nearest-neighbour classifier bound in place of the softmax classifier bound.*-e classifier/,
    );
    expect(second?.warning).toMatch(/in place of the classifier bound.*can read well below the MI; -e classifier/);
  });
  it("moderately costly (football.json's 11 classes, 241 features, 6,504 rows: 1.8e7): the classifier runs beside", () => {
    const p: SampleProfile = { ...mixed(241), n: 6_504, levelsY: 11 };
    expect(classifierWork(6_504, 11, 241)).toBeGreaterThan(AUTO_CLASSIFIER_WORK);
    expect(classifierWork(6_504, 11, 241)).toBeLessThanOrEqual(AUTO_CLASSIFIER_BESIDE_WORK);
    const first = candidateEstimators(p, all)[0];
    expect(first?.estimator).toBe("knn-classifier");
    expect(first?.companions).toEqual([{ estimator: "classifier", settings: { labels: "y" }, rule: "larger-bound" }]);
    expect(first?.warning).toBeUndefined();
    expect(candidateEstimators(mixed(2_950), all)[0]?.companions).toBeUndefined();
  });
  it("too costly beside only for its many-level text columns: the classifier runs beside without them", () => {
    // DAAG/nassCDS.csv --y occRole: 2 classes, 1,492 features of which caseid's indicators are 1,490, 26,063 rows.
    const p: SampleProfile = { ...mixed(1_492), n: 26_063, levelsY: 2, fewLevelFeaturesX: 25 };
    expect(classifierWork(26_063, 2, 1_492)).toBeGreaterThan(AUTO_CLASSIFIER_BESIDE_WORK);
    const first = candidateEstimators(p, all)[0];
    expect(first?.estimator).toBe("knn-classifier");
    expect(first?.companions).toEqual([
      { estimator: "classifier", settings: { labels: "y", manyLevelColumns: "leave out" }, rule: "larger-bound" },
    ]);
    expect(first?.warning).toMatch(
      /beside it the softmax bound ran without the many-level text columns \(25 features\)/,
    );
    // Without them still above what auto spends on the classifier first: zipcodes.csv's state without city and
    // county (59 classes, 42,000 rows, 3 features, 4.7e7 a pass; it ran 279 s beside knn-classifier's 7): nothing.
    const zip = { ...mixed(2_950), fewLevelFeaturesX: 3 };
    expect(classifierWork(42_000, 59, 3)).toBeGreaterThan(AUTO_CLASSIFIER_WORK);
    expect(classifierWork(42_000, 59, 3)).toBeLessThan(AUTO_CLASSIFIER_BESIDE_WORK);
    expect(candidateEstimators(zip, all)[0]?.companions).toBeUndefined();
  });
  it("profileSample counts a mixed side's features without its many-level text columns", () => {
    // 4,000 rows: y the number of "yes" among eight text columns (9 classes), a normal column, and two text keys of
    // 800 values of 5 rows (799 indicators each): 1,607 features, 9 without the keys; 5.8e7 a pass, 9e5 without.
    const n = 4000;
    const cols = 11;
    const rng = createRng(7, 9);
    const x = new Float64Array(n * cols);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < 8; c++) {
        x[i * cols + c] = rng.uniform() < 0.5 ? 1 : 0;
        y[i] = (y[i] as number) + (x[i * cols + c] as number);
      }
      x.set([rng.normal(), i % 800, (i * 7) % 800], i * cols + 8);
    }
    const key = Array.from({ length: 800 }, (_, k) => `case${k}`);
    const sample: PairedSample = {
      x: { rows: n, cols, data: x },
      y: { rows: n, cols: 1, data: y },
      categories: { x: [...Array.from({ length: 8 }, () => ["no", "yes"]), undefined, key, key], y: [undefined] },
    };
    const p = profileSample(sample);
    expect(p).toMatchObject({ kindX: "mixed", levelsY: 9, featuresX: 1607, fewLevelFeaturesX: 9 });
    expect(p.fewLevelFeaturesY).toBeUndefined();
    expect(candidateEstimators(p, all)[0]?.companions?.[0]?.settings).toEqual({
      labels: "y",
      manyLevelColumns: "leave out",
    });
    // The keys as numbers (not declared text) are one column each: nothing is left out.
    const numbers = profileSample({
      ...sample,
      categories: { x: sample.categories?.x?.slice(0, 9) ?? [], y: [undefined] },
    });
    expect(numbers.fewLevelFeaturesX).toBeUndefined();
  });
  it("without knn-classifier registered, Gao's estimate goes first as before", () => {
    const order = candidateEstimators(mixed(2_950), (name) => name !== "knn-classifier").map((c) => c.estimator);
    expect(order.slice(0, 2)).toEqual(["mixed", "classifier"]);
  });
  it("above 6 columns in all (no Gao first), up to 20: knn-classifier first where the classifier costs too much", () => {
    // agridat/lee.potatoblight.csv --y row: 36 rows of a field from 6 mixed columns (341 features), 14,449 rows.
    const field: SampleProfile = {
      ...mixed(341),
      n: 14_449,
      dx: 6,
      categoricalX: [false, true, false, false, false, false],
      levelsY: 36,
    };
    expect(classifierWork(14_449, 36, 341)).toBeGreaterThan(AUTO_CLASSIFIER_BESIDE_WORK);
    const order = candidateEstimators(field, all).map((c) => c.estimator);
    expect(order.slice(0, 2)).toEqual(["knn-classifier", "classifier"]);
    expect(candidateEstimators(field, all)[0]?.warning).toMatch(/in place of the softmax classifier bound/);
    // Cheap, or above 20 columns, the classifier stays first.
    expect(candidateEstimators({ ...field, n: 300 }, all)[0]?.estimator).toBe("classifier");
    const wide = { ...field, dx: 25, categoricalX: [...field.categoricalX, ...Array(19).fill(false)] };
    expect(candidateEstimators(wide, all)[0]?.estimator).toBe("classifier");
  });
  it("a cheap classifier (few features, few rows) stays first with Gao beside it", () => {
    const p = { ...mixed(4), n: 2_000, levelsY: 3 };
    expect(candidateEstimators(p, all)[0]?.estimator).toBe("classifier");
    expect(candidateEstimators(p, all).find((c) => c.settings.method === "gao")?.warning).toBeUndefined();
  });
});
