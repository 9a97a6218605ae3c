import { describe, expect, it } from "vitest";
import { getTask } from "../tasks/index.js";
import type { Matrix } from "../types.js";
import { gaussianEstimator } from "./gaussian.js";
import { estimateNeural } from "./neural.js";
import { splitOrder } from "./neural-split.js";
import { checkSample, informativeColumns, takeColumns } from "./sample-checks.js";

/** m with extra columns appended: each new column from (row, m's row values) → value. */
function withColumns(m: Matrix<Float64Array>, extra: ((r: number, row: Float64Array) => number)[]) {
  const cols = m.cols + extra.length;
  const data = new Float64Array(m.rows * cols);
  for (let r = 0; r < m.rows; r++) {
    const row = m.data.subarray(r * m.cols, (r + 1) * m.cols);
    data.set(row, r * cols);
    extra.forEach((f, j) => {
      data[r * cols + m.cols + j] = f(r, row);
    });
  }
  return { rows: m.rows, cols, data };
}

describe("informativeColumns: the one rule for constant and duplicated columns", () => {
  const m = {
    rows: 4,
    cols: 5,
    // c0 varies, c1 constant, c2 = c0, c3 varies, c4 = c3 on rows 0–1 only
    data: new Float64Array([1, 7, 1, 5, 5, 2, 7, 2, 6, 6, 3, 7, 3, 8, 0, 4, 7, 4, 9, 1]),
  };

  it("sets aside constant columns and exact duplicates of an earlier column, naming each", () => {
    const warnings: string[] = [];
    expect(informativeColumns(m, "x", null, "", warnings)).toEqual([0, 3, 4]);
    expect(warnings).toEqual([
      "column 1 of x is constant (every value is 7); set aside",
      "column 2 of x equals column 0; set aside as a duplicate",
    ]);
  });

  it("judges on the rows given, and names columns by their labels", () => {
    const warnings: string[] = [];
    const kept = informativeColumns(
      m,
      "y",
      Int32Array.from([0, 1]),
      " on the training split",
      warnings,
      [10, 11, 12, 13, 14],
    );
    expect(kept).toEqual([0, 3]);
    expect(warnings).toContain("column 14 of y equals column 13 on the training split; set aside as a duplicate");
    expect(takeColumns(m, kept).data).toEqual(new Float64Array([1, 5, 2, 6, 3, 8, 4, 9]));
  });

  it("checkSample applies it to both sides; a side of constants only is E_DATA", () => {
    const c = checkSample({ x: m, y: m }, "test", 2, "two rows");
    expect(c.keptX).toEqual([0, 3, 4]);
    expect(c.x.cols).toBe(3);
    expect(c.warnings).toHaveLength(4);
    const constant = { rows: 4, cols: 1, data: new Float64Array(4).fill(2) };
    expect(() => checkSample({ x: m, y: constant }, "test", 2, "two rows")).toThrow(/every column of y is constant/);
  });
});

describe("checkSample: non-finite values", () => {
  const m = (data: number[]): Matrix<Float64Array> => ({
    rows: data.length / 2,
    cols: 2,
    data: Float64Array.from(data),
  });
  const y = m([1, 2, 3, 5, 4, 1, 2, 7]);

  it("names the first non-finite cell of either side, whatever the value", () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => checkSample({ x: m([1, 2, 3, bad, 5, 6, 7, 9]), y }, "t", 2, "")).toThrow(
        new RegExp(`x has ${bad} at row 1, column 1 \\(0-based\\)`),
      );
      expect(() => checkSample({ x: y, y: m([1, 2, 3, 4, 5, 6, bad, 9]) }, "t", 2, "")).toThrow(
        new RegExp(`y has ${bad} at row 3, column 0`),
      );
    }
  });

  it("accepts huge finite values whose column sums overflow (the scan finds nothing to refuse)", () => {
    const checked = checkSample({ x: m([1e308, 1, 1.7e308, 2, 1.5e308, 3, 1.2e308, 5]), y }, "t", 2, "");
    expect(checked.keptX).toEqual([0, 1]);
    expect(checked.n).toBe(4);
  });
});

describe("classical and neural estimators share it", () => {
  const sample = getTask("multinormal-sparse-3-3-2-2.0").sample(600, 4);
  const tiny = { maxSteps: 30, hidden: [16], embed: 8, batchSize: 32, seed: 2 };

  it("gaussian: a duplicated column is set aside with a warning and the estimate is the one without it", async () => {
    const dup = withColumns(sample.x, [(_, row) => row[1] as number]);
    const a = await gaussianEstimator.estimate(sample);
    const b = await gaussianEstimator.estimate({ x: dup, y: sample.y });
    expect(b.estimate).toBe(a.estimate);
    expect(b.warnings.join()).toMatch(/column 3 of x equals column 1; set aside as a duplicate/);
  });

  it("gaussian with copula: a column with another's ranks (an increasing map of it) is set aside the same way", async () => {
    const twin = withColumns(sample.x, [(_, row) => Math.exp(2 * (row[1] as number))]);
    const a = await gaussianEstimator.estimate(sample, { copula: true });
    const b = await gaussianEstimator.estimate({ x: twin, y: sample.y }, { copula: true });
    expect(b.estimate).toBe(a.estimate);
    expect(b.warnings.join()).toMatch(/column 3 of x equals column 1 after the copula transform; set aside/);
    expect(b.settings.columnsX).toEqual([0, 1, 2]);
    // Without the copula it is no duplicate, and the estimate differs (the twin's values are not Gaussian).
    const raw = await gaussianEstimator.estimate({ x: twin, y: sample.y });
    expect(raw.warnings.join()).not.toMatch(/set aside/);
  });

  it("neural: constant, duplicated and constant-on-the-training-split columns set aside, same estimate as without", async () => {
    // A "pixel" that is 0 on every training row and 1 on one held-out row: it varies overall.
    const { perm, nTrain } = splitOrder(600, 0.5, tiny.seed);
    const heldOut = perm[nTrain] as number;
    const x = withColumns(sample.x, [() => 5, (_, row) => row[0] as number, (r) => (r === heldOut ? 1 : 0)]);
    const a = await estimateNeural(sample, "infonce", tiny);
    const b = await estimateNeural({ x, y: sample.y }, "infonce", tiny);
    expect(b.estimate).toBe(a.estimate);
    expect(b.warnings).toEqual(
      expect.arrayContaining([
        "column 3 of x is constant (every value is 5); set aside",
        "column 4 of x equals column 0; set aside as a duplicate",
        "column 5 of x is constant on the training split (every value is 0); set aside",
      ]),
    );
  });
});
