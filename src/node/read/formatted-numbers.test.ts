import { describe, expect, it } from "vitest";
import { tempDir } from "../../../test/helpers/temp-dir.js";
import { readPairedSample } from "./read-paired-sample.js";

const { dir, write } = tempDir();

/** Formats as Python's f"{v:,.2f}" (the oracle of what a spreadsheet or pandas export writes). */
const grouped = (v: number, digits: number) =>
  v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: true });

describe("formatted numbers are read as numbers", () => {
  // Values recorded as written: the expected numbers are these, not the reader's output.
  const values = Array.from({ length: 60 }, (_, i) => Math.round(((i * 7919) % 104729) * 37.31) / 100);
  it("thousands separators, currency and percent, in quoted cells of a comma file", async () => {
    const lines = ["income,price,share,y"];
    values.forEach((v, i) => {
      const neg = i % 9 === 0 ? "-" : "";
      lines.push(`"${grouped(v, 0)}","${neg}$${grouped(v, 2)}",${(v / 100).toFixed(1)}%,${i}`);
    });
    const r = await readPairedSample({ files: [write("money.csv", `${lines.join("\n")}\n`)], cwd: dir, y: "y" });
    const col = (j: number) => Array.from({ length: r.sample.x.rows }, (_, i) => r.sample.x.data[i * 3 + j]);
    expect(col(0)).toEqual(values.map((v) => Number(v.toFixed(0))));
    expect(col(1)).toEqual(values.map((v, i) => (i % 9 === 0 ? -1 : 1) * Number(v.toFixed(2))));
    expect(col(2)).toEqual(values.map((v) => Number((v / 100).toFixed(1))));
    expect(r.sample.categories).toBeUndefined();
    expect(r.source).toMatchObject({ formattedNumbers: "income, price, share" });
    expect(r.setAside).toEqual([]);
  });
  it("accounting negatives in parentheses, and a minus before, after or beside the symbol", async () => {
    // Columns as spreadsheets write them: (1,234.56) and ($1,234.56) are −1234.56; -$5.00, $-5.00 and -5.00 € are −5.
    const forms: [(v: number) => string, (v: number) => string][] = [
      [(v) => `"(${grouped(v, 2)})"`, (v) => `"${grouped(v, 2)}"`],
      [(v) => `"($${grouped(v, 2)})"`, (v) => `"$${grouped(v, 2)}"`],
      [(v) => `"-$${grouped(v, 2)}"`, (v) => `"$${grouped(v, 2)}"`],
      [(v) => `"$-${grouped(v, 2)}"`, (v) => `"$${grouped(v, 2)}"`],
      [(v) => `-${v.toFixed(2)} €`, (v) => `${v.toFixed(2)} €`],
    ];
    // Column j holds the values shifted by 7j rows (else they would be duplicates, set aside), every third negative.
    const cell = (i: number, j: number) => values[(i + 7 * j) % values.length]!;
    const lines = ["a,b,c,d,e,y"];
    values.forEach((_, i) => {
      lines.push([...forms.map(([neg, pos], j) => (i % 3 === 0 ? neg(cell(i, j)) : pos(cell(i, j)))), i].join(","));
    });
    const r = await readPairedSample({ files: [write("accounting.csv", `${lines.join("\n")}\n`)], cwd: dir, y: "y" });
    expect(r.sample.x.cols).toBe(forms.length);
    for (let j = 0; j < forms.length; j++) {
      const expected = values.map((_, i) => (i % 3 === 0 ? -1 : 1) * Number(cell(i, j).toFixed(2)));
      expect(Array.from({ length: r.sample.x.rows }, (_, i) => r.sample.x.data[i * forms.length + j])).toEqual(
        expected,
      );
    }
    expect(r.source).toMatchObject({ formattedNumbers: "a, b, c, d, e" });
  });
  it("leaves labels alone: a decimal comma in a comma file, mixed units, words", async () => {
    const text = 'a,b,c,p,y\n"1,234",$5,12%,(1),1\n"2,5",5,x,($2),2\n"1,234",$7,12%,-(3),3\n"2,5",$5,7%,(4),4\n';
    const r = await readPairedSample({ files: [write("labels.csv", text)], cwd: dir, y: "y" });
    expect(r.xColumns.map((c) => c.categories)).toEqual([
      ["1,234", "2,5"],
      ["$5", "$7", "5"],
      ["12%", "7%", "x"],
      ["($2)", "(1)", "(4)", "-(3)"],
    ]);
    expect(r.source).not.toHaveProperty("formattedNumbers");
  });
});
