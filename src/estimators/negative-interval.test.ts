import { describe, expect, it } from "vitest";
import { ESTIMATORS } from "./index.js";
import { negativeIntervalWarning } from "./negative-interval.js";

/** The part of the warning after "Use ": the estimators it recommends. */
function advice(estimator: string): string {
  const text = negativeIntervalWarning(estimator, [-0.02, -0.01]) ?? "";
  const at = text.indexOf(". Use ");
  expect(at).toBeGreaterThan(0);
  return text.slice(at + ". Use ".length);
}

describe("the impossible-estimate warning", () => {
  it("never recommends the estimator that produced the estimate, and recommends another", () => {
    const names = [...Object.keys(ESTIMATORS), "nwj", "dv", "mine", "js", "smile", "alpha"];
    for (const name of names) {
      const recommended = Object.keys(ESTIMATORS).filter((other) => new RegExp(`\\b${other}\\b`).test(advice(name)));
      expect(recommended, name).not.toContain(name);
      expect(recommended.length, name).toBeGreaterThan(0);
    }
  });

  it("names the classifier's cause, and a categorical-side alternative that is not itself", () => {
    const text = negativeIntervalWarning("classifier", [-0.014, -0.0004]) ?? "";
    expect(text).toMatch(/\[-0\.014, -0\.000\] lies below 0/);
    expect(text).toMatch(/costs more held-out likelihood than it gains/);
    expect(advice("classifier")).toMatch(/^mixed when one side is categorical/);
  });
});
