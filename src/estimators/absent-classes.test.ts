import { describe, expect, it } from "vitest";
import { absentClasses, labelLogProbability } from "./absent-classes.js";

describe("absentClasses and labelLogProbability: a class the training rows lacked gets the marginal's half row", () => {
  it("finds the absent classes and their probability ½/(rows + ½·absent)", () => {
    const a = absentClasses(Int32Array.of(0, 0, 2, 2, 2), 4);
    expect(Array.from(a?.mask ?? [])).toEqual([0, 1, 0, 1]);
    expect(a?.logProbability).toBeCloseTo(Math.log(0.5 / 6), 14);
    expect(a?.logPresentShare).toBeCloseTo(Math.log(5 / 6), 14);
    expect(absentClasses(Int32Array.of(0, 1, 2), 3)).toBeNull();
  });

  it("is the log-softmax when no class is absent", () => {
    const logits = [1, -2, 0.5];
    const lse = Math.log(Math.exp(1) + Math.exp(-2) + Math.exp(0.5));
    for (let y = 0; y < 3; y++)
      expect(labelLogProbability(logits, 0, 3, y, null)).toBeCloseTo((logits[y] as number) - lse, 14);
  });

  it("sums to 1 over the classes whatever the absent classes' logits, also at ±1e4", () => {
    const absent = absentClasses(Int32Array.of(0, 1, 1, 3), 4);
    for (const logits of [
      [0.3, -1, 7, 2],
      [1e4, -1e4, 1e4, -1e4],
      [-1e4, 1e4, 0, -1e4],
    ]) {
      let total = 0;
      for (let y = 0; y < 4; y++) {
        const lp = labelLogProbability(logits, 0, 4, y, absent);
        expect(Number.isFinite(lp)).toBe(true);
        total += Math.exp(lp);
      }
      expect(total).toBeCloseTo(1, 11); // logits of 1e4 carry an ulp of 1.8e-12
      // Class 2 is absent: ½/(4 + ½), whatever its own logit says.
      expect(labelLogProbability(logits, 0, 4, 2, absent)).toBeCloseTo(Math.log(0.5 / 4.5), 14);
    }
  });

  it("leaves the marginal model (logits = log class frequencies, ½ for the absent) unchanged", () => {
    const labels = Int32Array.of(0, 0, 0, 1);
    const counts = [3, 1, 0];
    const logits = counts.map((c) => Math.log(Math.max(0.5, c) / 4));
    const absent = absentClasses(labels, 3);
    for (let y = 0; y < 3; y++) {
      const softmax = (logits[y] as number) - Math.log(logits.reduce((s, v) => s + Math.exp(v), 0));
      expect(labelLogProbability(logits, 0, 3, y, absent)).toBeCloseTo(softmax, 14);
    }
  });
});
