import { describe, expect, it } from "vitest";
import { discretePmi } from "../math/discrete-mi.js";
import { gaussianPmi } from "../math/gaussian-mi.js";
import { normalLogPdf } from "../math/normal-distribution.js";
import { pairedCovariance } from "../tasks/gaussian-covariances.js";
import { zipfChannelTable } from "./default-theory-laws.js";
import { discreteTheoryLaw } from "./discrete-law.js";
import { gaussianTheoryLaw } from "./gaussian-law.js";
import { sameCriticBounds } from "./same-critic-bounds.js";

/** X uniform on n symbols, Y = X with probability α, else uniform: χ²(p(y|x) ‖ p(y)) in closed form. */
function copyChannel(n: number, alpha: number) {
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) data[i * n + j] = ((i === j ? alpha : 0) + (1 - alpha) / n) / n;
  const on = alpha + (1 - alpha) / n;
  const off = (1 - alpha) / n;
  return { table: { rows: n, cols: n, data }, chiSquare: n * (on * on + (n - 1) * off * off) - 1 };
}

describe("theory laws: exact pmi, log p(x, y) and χ²", () => {
  it("discrete: χ² matches the copy channel's closed form, pmi matches discretePmi (rtol 1e-12)", () => {
    const { table, chiSquare } = copyChannel(6, 0.7);
    const law = discreteTheoryLaw({ name: "copy", description: "", table });
    expect(law.chiSquare).toBeCloseTo(chiSquare, 12);
    const zipf = zipfChannelTable(5, 1.1, 0.6);
    const z = discreteTheoryLaw({ name: "zipf", description: "", table: zipf });
    const oracle = discretePmi(zipf);
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 5; j++) {
        expect(z.pmi([i], [j])).toBeCloseTo(oracle[i * 5 + j] as number, 12);
        expect(z.logJoint([i], [j])).toBeCloseTo(Math.log((zipf.data[i * 5 + j] as number) / 1), 12);
      }
    }
    expect(() => z.pmi([5], [0])).toThrow(/E_ARG|not a cell/);
  });

  it("Gaussian: pmi matches gaussianPmi, log p(x,y) = pmi + log p(x) + log p(y), χ² matches 2-D quadrature", () => {
    const rho = 0.6;
    const law = gaussianTheoryLaw({ name: "g", description: "", rho, d: 2 });
    const oracle = gaussianPmi(pairedCovariance(2, rho), 2);
    const x = [0.3, -1.2];
    const y = [0.9, 0.4];
    expect(law.pmi(x, y)).toBeCloseTo(oracle(x, y), 12);
    const logMarginals = normalLogPdf(0.3) + normalLogPdf(-1.2) + normalLogPdf(0.9) + normalLogPdf(0.4);
    expect(law.logJoint(x, y)).toBeCloseTo(oracle(x, y) + logMarginals, 12);
    // One pair: ∫∫ p(x,y)²/(p(x)p(y)) dx dy by the midpoint rule on [−12, 12]² (an oracle independent of Mehler's sum).
    const one = gaussianTheoryLaw({ name: "g1", description: "", rho, d: 1 });
    const pmi1 = gaussianPmi(pairedCovariance(1, rho), 1);
    const h = 0.02;
    let integral = 0;
    for (let a = -12 + h / 2; a < 12; a += h) {
      for (let b = -12 + h / 2; b < 12; b += h) {
        integral += Math.exp(2 * pmi1([a], [b]) + normalLogPdf(a) + normalLogPdf(b)) * h * h;
      }
    }
    expect(one.chiSquare).toBeCloseTo(integral - 1, 6);
    expect(law.chiSquare).toBeCloseTo((1 + one.chiSquare) ** 2 - 1, 12);
  });
});

describe("sameCriticBounds: every bound on the same batches with f = pmi", () => {
  const law = gaussianTheoryLaw({ name: "g", description: "", rho: 0.8, d: 1 });
  const result = sameCriticBounds(law, { seed: 3, ks: [2, 8, 64], rounds: 40, tau: 5, shift: 10 });
  const at = (K: number) => result.rows.find((r) => r.K === K)!;

  it("NWJ on f + 1 is unbiased (within 4 se of I); InfoNCE ≤ log K on every K", () => {
    for (const row of result.rows) {
      expect(Math.abs(row.nwj.mean - law.trueMI)).toBeLessThan(4 * row.nwj.se);
      expect(row.infonce.mean).toBeLessThanOrEqual(Math.log(row.K) + 1e-12);
      expect(row.batches).toBe((40 * 64) / row.K);
    }
  });

  it("DV's batch value is biased upward: above I by more than 4 se at K = 2, the excess shrinking with K", () => {
    expect(at(2).dv.mean - law.trueMI).toBeGreaterThan(4 * at(2).dv.se);
    expect(at(64).dv.mean - law.trueMI).toBeLessThan(at(2).dv.mean - law.trueMI);
  });

  it("SMILE rewards a constant added to the critic (no bound does): + 10 raises it far above I", () => {
    expect(at(64).smileShifted.mean).toBeGreaterThan(law.trueMI + 4);
    expect(at(64).smileShifted.mean - at(64).smile.mean).toBeGreaterThan(4);
  });

  it("the negatives' mean of e^{pmi} (a Monte Carlo Z = 1) averages 1, and its spread narrows as K grows", () => {
    expect(Math.abs(at(64).negativeMean.mean - 1)).toBeLessThan(0.05);
    const spread = (K: number) => at(K).negativeMean.q90 - at(K).negativeMean.q10;
    expect(spread(64)).toBeLessThan(spread(8));
    expect(() => sameCriticBounds(law, { ks: [3, 8] })).toThrow(/E_ARG|dividing/);
  });
});
