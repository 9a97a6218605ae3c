import { describe, expect, it } from "vitest";
import { studentT975 } from "./student-t-quantile.js";

// Oracle: scipy.stats.t.ppf(0.975, nu), SciPy 1.x (/usr/bin/python3 -c "from scipy.stats import t; print(t.ppf(0.975, nu))").
const SCIPY: readonly (readonly [number, number])[] = [
  [1, 12.706204736432095],
  [2, 4.302652729911275],
  [3, 3.182446305284263],
  [4, 2.7764451051977987],
  [5, 2.5705818366147395],
  [9, 2.2621571627409915],
  [19, 2.093024054408263],
  [49, 2.009575234489209],
  [1000, 1.9623390808264074],
];

describe("studentT975", () => {
  it("matches SciPy's t.ppf(0.975, ν): exact at ν = 1, 2; within 4e-3 at ν = 3, 2e-5 from ν = 9", () => {
    for (const [nu, q] of SCIPY) {
      const tol = nu <= 2 ? 1e-9 : nu === 3 ? 4e-3 : nu < 9 ? 1e-3 : 2e-5;
      expect(Math.abs(studentT975(nu) - q), `ν = ${nu}`).toBeLessThan(tol);
    }
    expect(() => studentT975(0)).toThrow(/degrees of freedom must be ≥ 1, got 0/);
  });
});
