import { describe, expect, it } from "vitest";
import { checkGradient } from "../../test/helpers/check-gradient.js";
import { expectClose } from "../../test/helpers/expect-close.js";
import {
  logMeanExp,
  logSoftmaxBackwardRowsInto,
  logSoftmaxRows,
  logSoftmaxRowsInto,
  logSumExp,
  logSumExpBackwardRowsInto,
  logSumExpRowsInto,
} from "./log-softmax.js";
import { createRng } from "./rng.js";

const NEG = Number.NEGATIVE_INFINITY;

// Oracle for moderate inputs: the textbook formula without any shift, log(Σ e^a), fine for |a| ≤ 30.
function naiveLse(row: number[]): number {
  return Math.log(row.reduce((s, v) => s + Math.exp(v), 0));
}

describe("logSumExp", () => {
  it("is exact on small inputs and finite at ±1e4 (closed forms)", () => {
    expectClose(logSumExp([1, 2, 3]), naiveLse([1, 2, 3]), 1e-15, 0);
    expectClose(logSumExp([1e4, 1e4]), 1e4 + Math.LN2, 1e-15, 0);
    expectClose(logSumExp([-1e4, -1e4, -1e4]), -1e4 + Math.log(3), 1e-15, 0);
    expectClose(logSumExp([1e4, 1e4 - 1]), 1e4 + Math.log1p(Math.exp(-1)), 1e-15, 0);
    expectClose(logMeanExp([1e4, -1e4]), 1e4 - Math.LN2, 1e-15, 0);
  });
  it("handles infinities, NaN and empty input as documented", () => {
    expect(logSumExp([NEG, 0])).toBe(0);
    expect(logSumExp([NEG])).toBe(NEG);
    expect(logSumExp([])).toBe(NEG);
    expect(logSumExp([Number.POSITIVE_INFINITY, 0])).toBe(Number.POSITIVE_INFINITY);
    expect(logSumExp([Number.NaN, 0])).toBeNaN();
    expect(logSumExp([0, Number.NaN])).toBeNaN();
    expect(logMeanExp([])).toBeNaN();
  });
  it("supports offset, length and stride (a column of a matrix)", () => {
    const m = [0, 1, 2, 3, 4, 5]; // 3×2
    expectClose(logSumExp(m, 1, 3, 2), naiveLse([1, 3, 5]), 1e-15, 0);
  });
});

describe("row log-softmax and log-sum-exp", () => {
  const rows = 4;
  const cols = 5;
  const a = createRng(3).fillNormal(new Float64Array(rows * cols));
  for (let p = 0; p < a.length; p++) a[p] = 3 * (a[p] as number);

  it("match the unshifted formula row by row (rtol 1e-14), float32 input read exactly", () => {
    const lse = logSumExpRowsInto(a, rows, cols, new Float64Array(rows));
    const lp = logSoftmaxRows(a, rows, cols);
    for (let i = 0; i < rows; i++) {
      const row = Array.from(a.subarray(i * cols, (i + 1) * cols));
      expectClose(lse[i] as number, naiveLse(row), 1e-14, 0);
      for (let j = 0; j < cols; j++)
        expectClose(lp[i * cols + j] as number, (row[j] as number) - naiveLse(row), 1e-13, 1e-15);
    }
    const a32 = Float32Array.from(a);
    const lse32 = logSumExpRowsInto(a32, rows, cols, new Float64Array(rows));
    expectClose(lse32[0] as number, naiveLse(Array.from(a32.subarray(0, cols))), 1e-14, 0);
  });

  it("log-softmax works in place and reports the log-sum-exps", () => {
    const b = Float64Array.from(a);
    const lse = new Float64Array(rows);
    logSoftmaxRowsInto(b, rows, cols, b, lse);
    const expected = logSoftmaxRows(a, rows, cols);
    expect(Array.from(b)).toEqual(Array.from(expected));
    expect(Array.from(lse)).toEqual(Array.from(logSumExpRowsInto(a, rows, cols, new Float64Array(rows))));
  });

  it("are finite and exact for logits of ±1e4 (closed forms)", () => {
    const x = Float64Array.from([1e4, 1e4 - 1, -1e4, -1e4, -1e4 + 2, -1e4]);
    const lse = new Float64Array(2);
    const lp = logSoftmaxRowsInto(x, 2, 3, new Float64Array(6), lse);
    const l0 = Math.log1p(Math.exp(-1) + Math.exp(-2e4));
    expectClose(lse[0] as number, 1e4 + l0, 1e-15, 0);
    expectClose(lp[0] as number, -l0, 1e-14, 0);
    expectClose(lp[1] as number, -1 - l0, 1e-14, 0);
    expectClose(lp[2] as number, -2e4 - l0, 1e-15, 0);
    const l1 = Math.log(2 + Math.exp(2));
    expectClose(lse[1] as number, -1e4 + 2 + Math.log1p(2 * Math.exp(-2)), 1e-15, 0);
    expectClose(lp[4] as number, 2 - l1, 1e-14, 0);
    const sm = logSumExpBackwardRowsInto(x, 1, 2, 3, new Float64Array(6));
    for (const v of sm) expect(Number.isFinite(v)).toBe(true);
    expectClose((sm[0] as number) + (sm[1] as number) + (sm[2] as number), 1, 1e-15, 0);
    expect(sm[2]).toBe(0); // e^{−2e4} underflows to an exact 0, not NaN
  });

  it("guard rows of all −∞: lse −∞, log-probabilities −∞, softmax and gradients 0 (never NaN)", () => {
    const x = Float64Array.from([NEG, NEG, NEG, 0, NEG, 1]);
    const lse = new Float64Array(2);
    const lp = logSoftmaxRowsInto(x, 2, 3, new Float64Array(6), lse);
    expect(lse[0]).toBe(NEG);
    expect(Array.from(lp.subarray(0, 3))).toEqual([NEG, NEG, NEG]);
    expectClose(lp[3] as number, -Math.log1p(Math.E), 1e-15, 0);
    expect(lp[4]).toBe(NEG);
    const sm = logSumExpBackwardRowsInto(x, [2, 1], 2, 3, new Float64Array(6));
    expect(Array.from(sm.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(sm[4]).toBe(0);
    expectClose(sm[5] as number, Math.E / (1 + Math.E), 1e-15, 0);
    const g = Float64Array.from([1, 2, 3, 1, 5, -1]);
    const back = logSoftmaxBackwardRowsInto(lp, g, 2, 3, new Float64Array(6));
    expect(Array.from(back.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(back[4]).toBe(0);
    for (const v of back) expect(Number.isNaN(v)).toBe(false);
  });

  it("+∞ and NaN are not hidden", () => {
    const lse = logSumExpRowsInto(
      Float64Array.from([Number.POSITIVE_INFINITY, 0, Number.NaN, 0]),
      2,
      2,
      new Float64Array(2),
    );
    expect(lse[0]).toBe(Number.POSITIVE_INFINITY);
    expect(lse[1]).toBeNaN();
    const lp = logSoftmaxRowsInto(Float64Array.from([Number.POSITIVE_INFINITY, 0]), 1, 2, new Float64Array(2));
    expect(Number.isNaN(lp[0]) && Number.isNaN(lp[1])).toBe(true);
    const sm = logSumExpBackwardRowsInto(Float64Array.from([0, Number.NaN]), 1, 1, 2, new Float64Array(2));
    expect(Number.isNaN(sm[0])).toBe(true);
  });

  // Central differences, h = 1e-6, on moderate and on ±1e4-shifted inputs (the shift cancels in every gradient).
  for (const shift of [0, 1e4, -1e4]) {
    it(`gradients match central finite differences (h 1e-6, atol 1e-8), rows shifted by ${shift}`, () => {
      const x = Float64Array.from(a, (v) => v + shift);
      const gRow = Float64Array.from([0.3, -1.2, 2, 0.7]);
      const gOut = createRng(9).fillNormal(new Float64Array(rows * cols));
      const lse = new Float64Array(rows);
      const lp = logSoftmaxRowsInto(x, rows, cols, new Float64Array(rows * cols), lse);
      const dLse = logSumExpBackwardRowsInto(x, gRow, rows, cols, new Float64Array(rows * cols));
      const dLp = logSoftmaxBackwardRowsInto(lp, gOut, rows, cols, new Float64Array(rows * cols));
      // Scalar objectives: Σ_i g_i lse_i and Σ_ij G_ij logp_ij; the shift is subtracted before summing so the
      // difference quotient does not lose its digits against 1e4.
      const fLse = (y: Float64Array) => {
        const l = logSumExpRowsInto(y, rows, cols, new Float64Array(rows));
        let s = 0;
        for (let i = 0; i < rows; i++) s += (gRow[i] as number) * ((l[i] as number) - shift);
        return s;
      };
      const fLp = (y: Float64Array) => {
        const l = logSoftmaxRows(y, rows, cols);
        let s = 0;
        for (let p = 0; p < l.length; p++) s += (gOut[p] as number) * (l[p] as number);
        return s;
      };
      // At |x| = 1e4 a step of 1e-6 is ~1e4 ulps of x, so the quotient keeps ~1e-8 of absolute accuracy.
      const h = shift === 0 ? 1e-6 : 1e-4;
      const tol = shift === 0 ? 1e-8 : 1e-6;
      checkGradient(x, fLse, dLse, { h, atol: tol, rtol: 0, what: "∂lse" });
      checkGradient(x, fLp, dLp, { h, atol: tol, rtol: 0, what: "∂logp" });
    });
  }

  it("backward accumulates into out when asked, and works in place", () => {
    const once = logSumExpBackwardRowsInto(a, 1, rows, cols, new Float64Array(rows * cols));
    const twice = logSumExpBackwardRowsInto(a, 1, rows, cols, Float64Array.from(once), true);
    for (let p = 0; p < once.length; p++) expectClose(twice[p] as number, 2 * (once[p] as number), 1e-15, 0);
    const b = Float64Array.from(a);
    logSumExpBackwardRowsInto(b, 1, rows, cols, b);
    expect(Array.from(b)).toEqual(Array.from(once));
  });
});
