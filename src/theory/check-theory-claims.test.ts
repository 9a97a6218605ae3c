import { describe, expect, it } from "vitest";
import { checkTheoryClaims } from "./check-theory-claims.js";
import { computeTheory, type TheoryResult } from "./compute-theory.js";

// The default run (the one `infonce theory` and docs/theory.md show), with fewer rounds: the checks must pass on it.
const base = computeTheory({ seed: 1, rounds: 4 });

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };
const clone = (r: TheoryResult): Mutable<TheoryResult> => JSON.parse(JSON.stringify(r));
const verdict = (r: TheoryResult, id: string) => checkTheoryClaims(r).find((c) => c.id === id)?.verdict;

describe("checkTheoryClaims", () => {
  it("passes every claim on the default laws, for several seeds", () => {
    for (const seed of [1, 2, 3]) {
      const r = seed === 1 ? base : computeTheory({ seed, rounds: 2, ks: [2, 8, 64, 512] });
      const failed = checkTheoryClaims(r).filter((c) => c.verdict !== "pass");
      expect(failed).toEqual([]);
    }
  });

  it("has eleven claims with stable ids", () => {
    expect(checkTheoryClaims(base).map((c) => c.id)).toEqual([
      "below-mi",
      "below-log-k",
      "optimal-rises",
      "optimal-is-best",
      "article-looser",
      "article-equal-uniform",
      "pmi-plus-cx",
      "random-useless",
      "k-is-n-plus-1",
      "drop-positive",
      "mean-field-jensen",
    ]);
  });

  // Each check must be able to fail: break the number it reads and watch the verdict flip.
  it("fails below-mi when a bound exceeds I by more than 4 se", () => {
    const r = clone(base);
    const law = r.laws[0]!;
    law.rows[3]!.article.mean = law.trueMI + 5 * law.rows[3]!.article.se;
    expect(verdict(r, "below-mi")).toBe("fail");
  });

  it("fails below-log-k when one batch exceeds log K", () => {
    const r = clone(base);
    r.laws[2]!.rows[0]!.maxExcessOverLogK = 1e-6;
    expect(verdict(r, "below-log-k")).toBe("fail");
  });

  it("fails optimal-rises when the optimal bound drops with K, or stays far from I", () => {
    const r = clone(base);
    r.laws[0]!.rows[5]!.optimal.mean -= 1;
    expect(verdict(r, "optimal-rises")).toBe("fail");
    const s = clone(base);
    const last = s.laws[2]!.rows[s.laws[2]!.rows.length - 1]!;
    last.optimal.mean = 0.8 * s.laws[2]!.trueMI;
    expect(verdict(s, "optimal-rises")).toBe("fail");
  });

  it("fails optimal-is-best when a critic beats pmi", () => {
    const r = clone(base);
    r.laws[0]!.rows[2]!.randomGap.mean = -1;
    expect(verdict(r, "optimal-is-best")).toBe("fail");
  });

  it("fails article-looser when the gap on a skewed law vanishes, and is n/a without a skewed law", () => {
    const r = clone(base);
    const rows = r.laws[0]!.rows;
    rows[rows.length - 1]!.articleGap.mean = 0;
    expect(verdict(r, "article-looser")).toBe("fail");
    const u = clone(base);
    u.laws = u.laws.filter((l) => l.uniformY);
    expect(verdict(u, "article-looser")).toBe("n/a");
  });

  it("fails article-equal-uniform when the uniform law's article bound differs, and is n/a without one", () => {
    const r = clone(base);
    r.laws[1]!.rows[4]!.articleGap.maxAbsDiff = 1e-6;
    expect(verdict(r, "article-equal-uniform")).toBe("fail");
    const s = clone(base);
    s.laws = s.laws.filter((l) => !l.uniformY);
    expect(verdict(s, "article-equal-uniform")).toBe("n/a");
  });

  it("fails pmi-plus-cx when pmi + log p(x) differs from pmi on a batch", () => {
    const r = clone(base);
    r.laws[2]!.rows[9]!.conditional.maxAbsDiff = 1e-6;
    expect(verdict(r, "pmi-plus-cx")).toBe("fail");
  });

  it("fails random-useless when a random bound exceeds its Jensen ceiling", () => {
    const r = clone(base);
    r.laws[0]!.rows[0]!.randomCeiling.maxExcess = 1e-3;
    expect(verdict(r, "random-useless")).toBe("fail");
  });

  it("fails k-is-n-plus-1 when log N − L is positive at K = 2", () => {
    const r = clone(base);
    r.laws[1]!.rows[0]!.maxLogNMinusL = 0.01;
    expect(verdict(r, "k-is-n-plus-1")).toBe("fail");
  });

  it("fails drop-positive when the article's formula is no better at large K than at small K", () => {
    const r = clone(base);
    const rows = r.laws[0]!.rows;
    rows[rows.length - 1]!.loss.mean = rows[rows.length - 1]!.articleApproxLoss + 10;
    expect(verdict(r, "drop-positive")).toBe("fail");
  });

  it("fails mean-field-jensen when the mean-field value exceeds the optimal bound", () => {
    const r = clone(base);
    r.laws[2]!.rows[3]!.meanFieldGap.mean = -0.5;
    expect(verdict(r, "mean-field-jensen")).toBe("fail");
  });
});
