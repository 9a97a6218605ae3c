import { describe, expect, it } from "vitest";
import type { Matrix } from "../types.js";
import { MAX_CATEGORIES, sideKinds, singleColumnLimit } from "./categorical.js";

const column = (values: number[]): Matrix<Float64Array> => ({
  rows: values.length,
  cols: 1,
  data: Float64Array.from(values),
});
const codes = (rows: number, levels: number) => Array.from({ length: rows }, (_, i) => 100 + (i % levels));
const kinds = (x: Matrix<Float64Array>, y: Matrix<Float64Array>, options = {}) =>
  sideKinds({ x, y, keptX: [0], keptY: [0] }, options);

describe("sideKinds on a single integer column", () => {
  it("reads 30 integer codes in 3,000 rows as a label (100 rows each), but not in 400 rows (13 each)", () => {
    const noise = column(Array.from({ length: 3000 }, (_, i) => Math.sin(i) + 0.5));
    expect(kinds(noise, column(codes(3000, 30))).y).toEqual([true]);
    expect(kinds(column(Array.from(noise.data.subarray(0, 400))), column(codes(400, 30))).y).toEqual([false]);
  });
  it("keeps MAX_CATEGORIES when maxCategories is set, and caps the label at 50 classes", () => {
    const noise = column(Array.from({ length: 3000 }, (_, i) => Math.cos(i)));
    expect(kinds(noise, column(codes(3000, 30)), { maxCategories: MAX_CATEGORIES }).y).toEqual([false]);
    expect(kinds(noise, column(codes(3000, 51))).y).toEqual([false]);
    // A count's tail of rare values (here 5 of 30 values in 1 row each) keeps it a number.
    const tail = codes(3000, 25).concat([200, 201, 202, 203, 204]);
    expect(kinds(column(Array.from({ length: 3005 }, (_, i) => Math.cos(i))), column(tail)).y).toEqual([false]);
    expect(singleColumnLimit(100_000)).toBe(50);
    expect(singleColumnLimit(100)).toBe(MAX_CATEGORIES);
  });
});
