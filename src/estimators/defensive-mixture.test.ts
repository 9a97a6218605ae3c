import { describe, expect, it } from "vitest";
import { DEFENSIVE_WEIGHT, defendedLogRatio } from "./defensive-mixture.js";

describe("defendedLogRatio: a held-out term of the mixture (1 − ε)·q + ε·q₀", () => {
  const eps = DEFENSIVE_WEIGHT;
  it("equals log((1 − ε)·e^d + ε) computed directly where that does not overflow", () => {
    for (const d of [-30, -7, -1, -1e-6, 1e-6, 0.5, 3, 40]) {
      expect(defendedLogRatio(d)).toBeCloseTo(Math.log((1 - eps) * Math.exp(d) + eps), 12);
    }
  });
  it("is exactly 0 at d = 0 (the marginal model chosen)", () => {
    expect(defendedLogRatio(0)).toBe(0);
  });
  it("floors at log ε and stays within ε of d above, at ±1e4", () => {
    expect(defendedLogRatio(-1e4)).toBe(Math.log(eps));
    expect(defendedLogRatio(-148)).toBeCloseTo(Math.log(eps), 12);
    expect(defendedLogRatio(1e4)).toBe(1e4 + Math.log1p(-eps));
    for (const d of [0.1, 1, 5]) {
      expect(d - defendedLogRatio(d)).toBeGreaterThan(0);
      expect(d - defendedLogRatio(d)).toBeLessThanOrEqual(-Math.log1p(-eps) + 1e-15);
    }
  });
  it("keeps the plain term at weight 0 and passes NaN through", () => {
    expect(defendedLogRatio(-148, 0)).toBe(-148);
    expect(defendedLogRatio(Number.NaN)).toBeNaN();
  });
});
