import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { failure } from "../../../test/helpers/failure.js";
import { missingRule } from "./missing-values.js";
import { nativeCsvScanner } from "./native-scan.js";
import type { OpenedInput } from "./open-input.js";
import { readCsv } from "./read-csv.js";
import type { TableRead } from "./table-read.js";

/** Reads `text` as a CSV delivered in chunks of `chunk` bytes, every column in one group. */
function readText(
  text: string,
  chunk: number,
  scanner = nativeCsvScanner(),
  delimiter?: string,
  threads = 0,
): Promise<TableRead> {
  const bytes = Buffer.from(text);
  const input: OpenedInput = {
    name: "t.csv",
    format: "csv",
    size: bytes.length,
    stream: () =>
      Readable.from(
        Array.from({ length: Math.ceil(bytes.length / chunk) }, (_, i) => bytes.subarray(i * chunk, (i + 1) * chunk)),
      ),
    bytes: () => Promise.reject(new Error("not used")),
  };
  return readCsv(
    input,
    {
      select: (c) => [c.map((_, i) => i)],
      missing: missingRule("drop"),
      ...(delimiter === undefined ? {} : { delimiter }),
    },
    scanner,
    threads,
  );
}

const same = (a: TableRead, b: TableRead) => {
  expect(a.rows).toBe(b.rows);
  expect(a.columns).toEqual(b.columns);
  expect(Array.from(a.groups[0]!.matrix.data)).toEqual(Array.from(b.groups[0]!.matrix.data));
  expect(a.groups[0]!.labels).toEqual(b.groups[0]!.labels);
};

/** A table mixing every case the fast paths must hand over to the general rule. */
function trickyTable(rows: number): string {
  const lines = ["a,b,c,d"];
  for (let r = 0; r < rows; r++) {
    const v = (r * 0.37) % 11;
    const cells = [
      (v - 5).toFixed(4),
      r % 97 === 0 ? '"7.25"' : r % 89 === 0 ? "" : String(v * 1e-7),
      r % 83 === 0 ? "NA" : r % 13 === 0 ? "0.12345678901234567" : `+${v.toFixed(2)}`,
      r % 101 === 0 ? " 1e3 " : `.${r % 10}`,
    ];
    lines.push(cells.join(","));
    if (r % 500 === 0) lines.push("# a comment", "");
  }
  return `${lines.join("\r\n")}\r\n`;
}

describe("readCsv: the C and TypeScript fast paths and every chunking give the same table", () => {
  const text = trickyTable(3000);
  it("is the same with 7-byte chunks, 64 KiB chunks, with and without the C scanner", async () => {
    const whole = await readText(text, 1 << 16, null);
    expect(whole.rows).toBe(3000);
    expect(whole.groups[0]!.missingCells).toBe(Math.ceil(3000 / 83) + Math.ceil(3000 / 89) - 1);
    same(await readText(text, 7, null), whole);
    same(await readText(text, 1 << 16), whole);
    same(await readText(text, 7), whole);
    // the oracle: Number() on the cell texts
    const firstRow = text.split("\r\n")[1]!.split(",");
    expect(Array.from(whole.groups[0]!.matrix.data.subarray(0, 4))).toEqual(
      firstRow.map((t) => Number(t.replaceAll('"', ""))),
    );
  });
  it("the C scanner on 1, 2 and 4 threads: large blocks cut into parts, odd records late in a part", async () => {
    // ~2.6 MB of plain rows in 1 MiB reads, so every block is cut into parts; a missing cell, a label-free quoted
    // number, a comment and a blank line every few thousand rows make parts stop early at varying places.
    const lines = ["a,b,c"];
    for (let r = 0; r < 90_000; r++) {
      const cells = [String((r * 0.731) % 97), (r * 1e-3).toFixed(6), String(-r)];
      if (r % 7001 === 6000) cells[1] = "NA";
      if (r % 9973 === 5000) cells[2] = `"${-r}"`;
      lines.push(cells.join(","));
      if (r % 12007 === 8000) lines.push("# a comment", "");
    }
    const text = `${lines.join("\n")}\n`;
    const js = await readText(text, 1 << 20, null);
    expect(js.rows).toBe(90_000);
    expect(js.groups[0]!.missingCells).toBe(Math.floor((90_000 - 1 - 6000) / 7001) + 1);
    for (const threads of [1, 2, 4]) same(await readText(text, 1 << 20, undefined, undefined, threads), js);
  });
  it("reads whitespace-separated numbers (numpy.savetxt) with either path", async () => {
    const ws = "# made by savetxt\n1.5 2 3\n  4\t5   6  \n7 8 9.5\n";
    const js = await readText(ws, 3, null);
    expect(Array.from(js.groups[0]!.matrix.data)).toEqual([1.5, 2, 3, 4, 5, 6, 7, 8, 9.5]);
    same(await readText(ws, 1 << 16), js);
  });
  it("whitespace-separated records ending in a quoted name of any number of words (UCI auto-mpg.data), with or without a tab header", async () => {
    const body =
      '18.0   8   307.0      130.0      3504.      12.0   70  1\t"chevrolet chevelle malibu"\n' +
      '25.0   4   98.00      ?          2046.      19.0   71  1\t"ford pinto"\n' +
      '26.0   4   97.00      46.00      1835.      20.5   70  2\t"volkswagen 1131 deluxe sedan"\n';
    const header = "mpg \tcylinders\tdisplacement\thorsepower\tweight\tacceleration\tmodel_year\torigin\tcar_name\n";
    for (const text of [body, header + body]) {
      for (const scanner of [null, nativeCsvScanner()]) {
        const r = await readText(text, 5, scanner);
        expect(r.details).toMatchObject({ delimiter: "whitespace", header: text !== body });
        expect(r.columns.length).toBe(9);
        expect(r.rows).toBe(3);
        expect(r.groups[0]!.missingCells).toBe(1);
        expect(r.groups[0]!.labels[8]).toEqual([
          "chevrolet chevelle malibu",
          "ford pinto",
          "volkswagen 1131 deluxe sedan",
        ]);
        expect(Array.from(r.groups[0]!.matrix.data.subarray(0, 8))).toEqual([18, 8, 307, 130, 3504, 12, 70, 1]);
      }
    }
    // Asked for: the same records.
    expect((await readText(body, 1 << 16, null, "whitespace")).columns.length).toBe(9);
    // A tab-separated table whose text holds spaces stays tab-separated.
    const tsv = await readText("city\tn\nNew York\t3\nSan Jose\t4\n", 1 << 16, null);
    expect(tsv.details).toMatchObject({ delimiter: "tab" });
    expect(tsv.groups[0]!.labels[0]).toEqual(["New York", "San Jose"]);
  });
  it("a row with fields split by two tabs (UCI's seeds_dataset.txt): E_PARSE naming --delimiter whitespace, which reads it", async () => {
    const t = "15.26\t14.84\t1\n14.11\t14.1\t\t1\n";
    const e = await failure(readText(t, 1 << 16, null));
    expect(e.message).toBe(
      "t.csv: row 2 (line 2) has 4 fields but the first row has 3; every row needs the same number of fields (delimiter: tab; --delimiter whitespace reads a run of tabs and spaces as one)",
    );
    const r = await readText(t, 1 << 16, null, "whitespace");
    expect(Array.from(r.groups[0]!.matrix.data)).toEqual([15.26, 14.84, 1, 14.11, 14.1, 1]);
  });
  it("a header alone ending in a delimiter (Kaggle's breast-cancer data.csv) names no column; a named extra still fails", async () => {
    for (const scanner of [null, nativeCsvScanner()]) {
      const r = await readText('"id","diagnosis","radius",\r\n842302,M,17.99\r\n842517,B,20.57\r\n', 4, scanner);
      expect(r.columns.map((c) => c.name)).toEqual(["id", "diagnosis", "radius"]);
      expect(r.details).toMatchObject({ header: true, headerTrailingDelimiter: true });
      expect(Array.from(r.groups[0]!.matrix.data)).toEqual([842302, 0, 17.99, 842517, 1, 20.57]);
    }
    expect((await readText("a,b\n1,2\n", 1 << 16)).details).not.toHaveProperty("headerTrailingDelimiter");
    const e = await failure(readText("a,b,c\n1,2\n", 1 << 16));
    expect(e.message).toMatch(/row 1 \(line 2\) has 2 fields but the header has 3/);
  });
  it("whitespace-separated: text right after a closing quote is E_PARSE, as with a delimiter", async () => {
    const e = await failure(readText('1 "a b"c 2\n3 "d" 4\n', 1 << 16, null, "whitespace"));
    expect(e.code).toBe("E_PARSE");
    expect(e.message).toMatch(/text after a closing quote/);
  });
  it("after the first record, '#DIV/0!,3' and '#ff0000,2' are records, '# note' and '#' comments (either path)", async () => {
    const t = "# made by a script\nc,v\nred,1\n#DIV/0!,3\n# a note, with a comma\n#ff0000,2\n#\n#N/A,4\n";
    for (const scanner of [null, nativeCsvScanner()]) {
      const r = await readText(t, 7, scanner);
      expect(r.rows).toBe(4);
      expect(r.groups[0]!.labels[0]).toEqual(["red", "#DIV/0!", "#ff0000"]);
      expect(Array.from(r.groups[0]!.matrix.data)).toEqual([0, 1, 1, 3, 2, 2, Number.NaN, 4]);
      expect(r.groups[0]!.missingCells).toBe(1);
    }
  });
  it("a quoted field spanning many reads (a 300 kB label with newlines) is read whole, in linear passes", async () => {
    const big = `x\n${"ab\n".repeat(100_000)}end`;
    const t = `v,label\n1.5,"${big}"\n2.5,short\n`;
    const r = await readText(t, 4096);
    expect(r.groups[0]!.labels[1]).toEqual([big, "short"]);
  });
});

describe("readCsv: pathological files fail fast with one line", () => {
  it("a header of 2 fields, then a row of 100,000: E_PARSE naming the count", async () => {
    const t = `a,b\n1,2\n${Array.from({ length: 100_000 }, () => "1").join(",")}\n`;
    const e = await failure(readText(t, 1 << 16));
    expect(e).toEqual({
      code: "E_PARSE",
      message:
        "t.csv: row 2 (line 3) has 100000 fields but the header has 2; every row needs the same number of fields (delimiter: ,; a field holding ',' must be quoted)",
    });
  });
  it("a quote never closed: E_PARSE naming its line", async () => {
    const e = await failure(readText('a,b\n1,2\n3,"oops\n4,5\n', 5));
    expect(e).toEqual({
      code: "E_PARSE",
      message: "t.csv: a quoted field opened on line 3 is never closed; close the quote or remove it",
    });
  });
  it("text after a closing quote: E_PARSE", async () => {
    expect((await failure(readText('a,b\n1,"2"x\n', 64))).message).toContain("line 2: text after a closing quote");
  });
  it("a very wide header (100,000 columns) reads", async () => {
    const cols = 100_000;
    const t = `${Array.from({ length: cols }, (_, j) => `c${j}`).join(",")}\n${Array.from({ length: cols }, (_, j) => j).join(",")}\n`;
    const r = await readText(t, 1 << 16);
    expect(r.rows).toBe(1);
    expect(r.groups[0]!.matrix.data[cols - 1]).toBe(cols - 1);
  });
});
