import { describe, expect, it } from "vitest";
import { judgeColumns, sameColumn } from "./judge-columns.js";

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
    expect(verdicts[4]).toEqual({ kind: "kept" });
    expect(judgeColumns(m, Int32Array.from([2, 1])).verdicts[4]).toEqual({ kind: "constant", value: 4 });
  });

  it("confirms a shared fingerprint value by value", () => {
    // Columns whose weighted sums could collide are still told apart by sameColumn.
    expect(sameColumn(m, 0, m, 3)).toBe(false);
    expect(sameColumn(m, 0, m, 3, Int32Array.from([0, 1]))).toBe(true);
  });
});
