import { describe, expect, it } from "vitest";
import { createRng } from "../math/rng.js";
import { binCount, binFeatures, MAX_BINS } from "./feature-bins.js";

/** The bin codes of one column. */
function codesOf(values: readonly number[]): { codes: number[]; bins: number } {
  const b = binFeatures({ rows: values.length, cols: 1, data: Float64Array.from(values) });
  return { codes: Array.from(b.codes), bins: b.offsets[1] as number };
}

describe("binFeatures", () => {
  it("gives a column of few values one bin per value, in the values' order", () => {
    const { codes, bins } = codesOf([3, -1, 3, 7.5, -1, 0]);
    expect(bins).toBe(4);
    expect(codes).toEqual([2, 0, 2, 3, 0, 1]);
  });

  it("separates adjacent floats (whose midpoint rounds to one of them)", () => {
    const a = 1;
    const b = 1 + Number.EPSILON;
    expect(codesOf([b, a, b, a]).codes).toEqual([1, 0, 1, 0]);
  });

  it("cuts a long column at quantiles: at most MAX_BINS bins, order kept, bins near equal in size", () => {
    const rng = createRng(3);
    const n = 20_000;
    const values = Array.from({ length: n }, () => rng.normal());
    const { codes, bins } = codesOf(values);
    expect(bins).toBe(MAX_BINS);
    const order = values.map((v, i) => [v, codes[i] as number] as const).sort((p, q) => p[0] - q[0]);
    for (let i = 1; i < n; i++)
      expect((order[i] as readonly number[])[1]).toBeGreaterThanOrEqual(
        (order[i - 1] as readonly number[])[1] as number,
      );
    const sizes = new Array<number>(bins).fill(0);
    for (const c of codes) sizes[c] = (sizes[c] as number) + 1;
    expect(Math.max(...sizes)).toBeLessThanOrEqual(Math.ceil(n / MAX_BINS) + 2);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(Math.floor(n / MAX_BINS) - 2);
  });

  it("keeps a heavily repeated value in one bin when a long column is cut", () => {
    const values = [...new Array<number>(5_000).fill(0), ...Array.from({ length: 5_000 }, (_, i) => i + 1)];
    const { codes } = codesOf(values);
    expect(new Set(codes.slice(0, 5_000)).size).toBe(1);
    expect(codes[5_000]).toBeGreaterThan(codes[0] as number);
  });

  it("lays the columns' bins out one after another", () => {
    const b = binFeatures({ rows: 3, cols: 2, data: Float64Array.from([1, 5, 2, 5, 3, 5]) });
    expect(Array.from(b.offsets)).toEqual([0, 3, 4]);
    expect(Array.from(b.codes)).toEqual([0, 0, 1, 0, 2, 0]);
  });

  it("cuts at the rows `from` only and bins every row at those cuts", () => {
    const values = [5, 1, 9, 3, 7, 2];
    const b = binFeatures({ rows: 6, cols: 1, data: Float64Array.from(values) }, [1, 3, 5]);
    // The cuts are those of 1, 3 and 2 alone (1.5 and 2.5); 5, 9 and 7 fall above the last.
    expect(b.offsets[1]).toBe(3);
    expect(Array.from(b.codes)).toEqual([2, 0, 2, 2, 2, 1]);
  });

  it("counts the bins binFeatures lays out without binning the rows", () => {
    const rng = createRng(8);
    const n = 2_000;
    // A long normal column (quantile cuts), a column of 7 values, a constant column.
    const data = Float64Array.from({ length: 3 * n }, (_, k) => [rng.normal(), rng.int(7), 4][k % 3] as number);
    const m = { rows: n, cols: 3, data };
    expect(binCount(m)).toBe(binFeatures(m).offsets[3]);
    expect(binCount(m)).toBe(MAX_BINS + 7 + 1);
  });
});
