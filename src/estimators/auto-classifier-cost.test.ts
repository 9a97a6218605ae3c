import { describe, expect, it } from "vitest";
import { AUTO_CLASSIFIER_WORK, candidateEstimators, classifierWork, type SampleProfile } from "./auto-choice.js";

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
