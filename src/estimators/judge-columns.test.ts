import { describe, expect, it } from "vitest";
import { duplicateText, judgeColumns, sameColumn } from "./judge-columns.js";

// Columns: 0 varies, 1 constant 7, 2 equals 0, 3 equals 0 only on rows 0 and 1, 4 constant only on rows 1 and 2.
const m = {
  rows: 3,
  cols: 5,
  data: Float64Array.from([1, 7, 1, 1, 5, 2, 7, 2, 2, 4, 3, 7, 3, 9, 4]),
};

describe("judgeColumns", () => {
  it("keeps varying columns, sets aside constants and later copies of a kept column", () => {
    const { verdicts, keys } = judgeColumns(m);
    expect(verdicts).toEqual([
      { kind: "kept" },
      { kind: "constant", value: 7 },
      { kind: "duplicate", of: 0 },
      { kind: "kept" },
      { kind: "kept" },
    ]);
    expect(keys[2]).toBe(keys[0]);
  });

  it("judges on the given rows only", () => {
    const { verdicts } = judgeColumns(m, Int32Array.from([0, 1]));
    expect(verdicts[3]).toEqual({ kind: "duplicate", of: 0 });
    // On two rows any two varying columns are linear in each other (column 4's 5, 4 is −1 × column 0's 1, 2 + 6):
    // under LINEAR_MIN_ROWS rows that is chance, and both are kept.
    expect(verdicts[4]).toEqual({ kind: "kept" });
    expect(judgeColumns(m, Int32Array.from([2, 1])).verdicts[4]).toEqual({ kind: "constant", value: 4 });
  });

  it("confirms a shared fingerprint value by value", () => {
    // Columns whose weighted sums could collide are still told apart by sameColumn.
    expect(sameColumn(m, 0, m, 3)).toBe(false);
    expect(sameColumn(m, 0, m, 3, Int32Array.from([0, 1]))).toBe(true);
  });

  it("sets aside a column that is a linear function of an earlier kept one, and nothing merely close to linear", () => {
    // A price, the same with a 5% tax (as a CSV writes it, 4 decimals), °C and °F, a 0/1 flag and its complement,
    // and a column linear to 1e-6 only: that one is kept. Scales and shifts checked against the construction.
    const n = 200;
    const cols = 7;
    const data = new Float64Array(n * cols);
    for (let i = 0; i < n; i++) {
      const price = Math.round(((i * 7919) % 10007) / 10) / 100;
      const celsius = Math.round(((i * 104729) % 1009) - 300) / 10;
      const flag = (i * 31) % 7 < 3 ? 1 : 0;
      data.set([price, Number((price * 1.05).toFixed(4)), celsius, celsius * 1.8 + 32, flag, 1 - flag], i * cols);
      data[i * cols + 6] = price * 2 + ((i * 13) % 5) * 1e-6 * 100;
    }
    const { verdicts } = judgeColumns({ rows: n, cols, data });
    expect(verdicts.map((v) => v.kind)).toEqual([
      "kept",
      "duplicate",
      "kept",
      "duplicate",
      "kept",
      "duplicate",
      "kept",
    ]);
    const linear = (c: number) => verdicts[c] as { of: number; linear: { scale: number; shift: number } };
    expect(linear(1).of).toBe(0);
    expect(linear(1).linear.scale).toBeCloseTo(1.05, 12);
    expect(linear(1).linear.shift).toBe(0);
    expect(duplicateText(linear(1), "'p'")).toBe("a linear function of 'p' (1.05 × it)");
    expect(duplicateText({ linear: { scale: 2, shift: -3 } }, "'p'")).toBe("a linear function of 'p' (2 × it − 3)");
    expect(linear(3).of).toBe(2);
    expect(linear(3).linear.scale).toBeCloseTo(1.8, 12);
    expect(linear(3).linear.shift).toBeCloseTo(32, 10);
    expect(linear(5)).toMatchObject({ of: 4, linear: { scale: -1, shift: 1 } });
    expect(duplicateText(linear(3), "'c'")).toBe("a linear function of 'c' (1.8 × it + 32)");
    expect(duplicateText({}, "'c'")).toBe("duplicate of 'c'");
  });
});
