import { describe, expect, it } from "vitest";
import { joinColumns } from "../math/join-columns.js";
import type { Matrix } from "../types.js";
import { encodedColumns, type FeatureEncoding, featureEncodings } from "./feature-encodings.js";

const column = (values: number[]): Matrix<Float64Array> => ({
  rows: values.length,
  cols: 1,
  data: Float64Array.from(values),
});
const n = 60;
const threeLabels = column(Array.from({ length: n }, (_, i) => i % 3));
const sixCodes = column(Array.from({ length: n }, (_, i) => 3 + (i % 6)));
const binary = column(Array.from({ length: n }, (_, i) => i % 2));

describe("featureEncodings", () => {
  it("offers integer codes as numbers beside indicators; declared (string) columns stay indicators in both", () => {
    const m = joinColumns(threeLabels, sixCodes);
    const encodings = featureEncodings(m, [true, true], [true, false]);
    expect(encodings.map((e) => e.name)).toEqual(["indicators", "codes as numbers"]);
    expect(encodings[0]?.categorical).toEqual([true, true]);
    expect(encodings[1]?.categorical).toEqual([true, false]);
  });
  it("offers indicators only when no undeclared code has two indicators (binary codes, declared labels)", () => {
    expect(featureEncodings(joinColumns(threeLabels, binary), [true, true], [true, false]).length).toBe(1);
    expect(featureEncodings(sixCodes, [true], [true]).length).toBe(1);
    expect(featureEncodings(sixCodes, [false], [false]).length).toBe(1);
  });
  it("counts only the levels an indicator gets: six codes of which four have 1 row are one level", () => {
    const rare = column(Array.from({ length: n }, (_, i) => (i < 4 ? 10 + i : i % 2)));
    // Levels 0 and 1 (~27 rows each) and four levels of 1 row, too few to pool (one-hot.ts): one indicator.
    expect(featureEncodings(rare, [true], [false]).length).toBe(1);
    // Five such levels pool into an indicator of their own: two, and the codes may be read as numbers.
    const pooled = column(Array.from({ length: n }, (_, i) => (i < 5 ? 10 + i : i % 2)));
    expect(featureEncodings(pooled, [true], [false]).map((e) => e.name)).toEqual(["indicators", "codes as numbers"]);
  });
  it("offers indicators of rare levels where some level has 2 to 4 rows, not for the trees", () => {
    const pairs = column(Array.from({ length: n }, (_, i) => Math.floor(i / 2)));
    const encodings = featureEncodings(joinColumns(pairs, threeLabels), [true, true], [true, true]);
    expect(encodings.map((e) => [e.name, e.minRows, e.trees])).toEqual([
      ["indicators", undefined, true],
      ["indicators of rare levels", 2, false],
    ]);
    // Levels of 1 row get no indicator even there: nothing to read them off.
    const singles = column(Array.from({ length: n }, (_, i) => (i < 5 ? 10 + i : i % 2)));
    expect(featureEncodings(singles, [true], [true]).length).toBe(1);
  });
  it("offers no indicators of rare levels beyond 400 of them (ridge systems cost columns³)", () => {
    const at = (levels: number) =>
      featureEncodings(column(Array.from({ length: 2 * levels }, (_, i) => i % levels)), [true], [true]).length;
    expect(at(402)).toBe(1); // 401 indicators (the most frequent level is the reference)
    expect(at(401)).toBe(2);
  });
  it("offers them for a grouping (most rows in levels of 2–4), not for a tail of rare levels beside common ones", () => {
    // 1,200 rows: 800 in one level and 200 levels of 2 rows (a third of the rows), then 600 levels of 2 rows (all).
    const rows = 1200;
    const tail = column(Array.from({ length: rows }, (_, i) => (i < 800 ? 0 : 1 + Math.floor((i - 800) / 2))));
    expect(featureEncodings(tail, [true], [true]).length).toBe(1);
    const groups = column(Array.from({ length: rows }, (_, i) => (i < 400 ? Math.floor(i / 2) : 200 + (i % 2))));
    expect(featureEncodings(groups, [true], [true]).length).toBe(1); // a third of the rows in pairs
    const pairs = column(Array.from({ length: rows }, (_, i) => Math.floor(i / 4)));
    expect(featureEncodings(pairs, [true], [true]).length).toBe(2);
  });
  it("offers them on fewer than 1,000 rows wherever a level has 2 to 4 rows, whatever their share", () => {
    // 60 rows: 40 in one level and 10 levels of 2 rows.
    const tail = column(Array.from({ length: n }, (_, i) => (i < 40 ? 0 : 1 + Math.floor((i - 40) / 2))));
    expect(featureEncodings(tail, [true], [true]).map((e) => e.name)).toEqual([
      "indicators",
      "indicators of rare levels",
    ]);
    expect(featureEncodings(threeLabels, [true], [true]).length).toBe(1);
  });
  it("offers the encodings without text columns of 10 or more indicators, where another column is left", () => {
    // 120 rows: a 12-level text column (11 indicators), a 3-level one, and a 6-value integer code.
    const twelve = column(Array.from({ length: 2 * n }, (_, i) => i % 12));
    const three = column(Array.from({ length: 2 * n }, (_, i) => i % 3));
    const codes = column(Array.from({ length: 2 * n }, (_, i) => 3 + (i % 6)));
    const m = joinColumns(joinColumns(twelve, three), codes);
    const encodings = featureEncodings(m, [true, true, true], [true, true, false]);
    expect(encodings.map((e) => [e.name, e.columns, e.trees])).toEqual([
      ["indicators", undefined, true],
      ["codes as numbers", undefined, true],
      ["indicators, many-level columns left out", [1, 2], true],
      ["codes as numbers, many-level columns left out", [1, 2], true],
    ]);
    const read = encodedColumns(m, encodings[3] as FeatureEncoding);
    expect(read.categorical).toEqual([true, false]);
    expect(Array.from(read.m.data.subarray(0, 4))).toEqual([0, 3, 1, 4]);
    // The same 12 levels as an integer code stay (as numbers they are one column); nothing left: no such encoding.
    expect(featureEncodings(m, [true, true, true], [false, true, false]).length).toBe(2);
    expect(featureEncodings(twelve, [true], [true]).length).toBe(1);
  });
});
