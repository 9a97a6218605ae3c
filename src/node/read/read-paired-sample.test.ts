import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { failure } from "../../../test/helpers/failure.js";
import { tempDir } from "../../../test/helpers/temp-dir.js";
import { encodeNpy } from "../write/encode-npy.js";
import { encodeParquet } from "../write/encode-parquet.js";
import { type ReadPairedOptions, readPairedSample } from "./read-paired-sample.js";

const FIXTURES = join(import.meta.dirname, "../../../test/fixtures/read");
const { dir, write } = tempDir();

const read = (files: string[], more: Partial<ReadPairedOptions> = {}) => readPairedSample({ files, cwd: dir, ...more });

const rowsOf = (m: { rows: number; cols: number; data: Float64Array }) =>
  Array.from({ length: m.rows }, (_, r) => Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)));

describe("CSV and TSV", () => {
  it("reads a header, selects columns and keeps exact float64 values", async () => {
    write("a.csv", "x0,x1,y0,note\n0.1,2,3e-5,hello\n-1.5,0.25,7,  world  \n4,5,6,x\n");
    const r = await read(["a.csv"]);
    expect(rowsOf(r.sample.x)).toEqual([
      [0.1, 2],
      [-1.5, 0.25],
      [4, 5],
    ]);
    expect(rowsOf(r.sample.y)).toEqual([[3e-5], [7], [6]]);
    expect(r.xColumns.map((c) => c.name)).toEqual(["x0", "x1"]);
    expect(r.source).toMatchObject({ format: "csv", delimiter: ",", header: true });
  });
  it("detects a headerless file and names columns by index", async () => {
    write("b.txt", "# made by numpy.savetxt\n1 2 3\n4  5 6\n7 8 9.5\n");
    const r = await read(["b.txt"], { x: "0..1", y: "2" });
    expect(rowsOf(r.sample.x)).toEqual([
      [1, 2],
      [4, 5],
      [7, 8],
    ]);
    expect(r.source).toMatchObject({ delimiter: "whitespace", header: false });
    expect(r.yColumns[0]).toMatchObject({ name: "2", distinct: 3, integer: false, min: 3, max: 9.5 });
  });
  it("reads TSV by extension and semicolons by sniffing; quoted fields and CRLF", async () => {
    write("c.tsv", "a\tb\r\n1\t2\r\n3\t4\r\n5\t7\r\n");
    expect(rowsOf((await read(["c.tsv"])).sample.y)).toEqual([[2], [4], [7]]);
    write("d.dat", 'a;"b"\n1;"2"\n3;4\n5;8\n');
    expect(rowsOf((await read(["d.dat"])).sample.y)).toEqual([[2], [4], [8]]);
  });
  it("reads a .csv saved with semicolons (pandas sep=';', Excel's European locales); a quoted comma keeps ','", async () => {
    const semi = await read([write("e.csv", '"name";a;b\r\n"Doe, J";1;2\r\n"Roe, K";3;4\r\n"Poe, L";5;8\r\n')], {
      x: "a",
      y: "b",
    });
    expect(rowsOf(semi.sample.y)).toEqual([[2], [4], [8]]);
    expect(semi.source).toMatchObject({ delimiter: ";" });
    const comma = await read([write("f.csv", '"x;1",y\n1,2\n3,4\n5,8\n')], { x: "x;1", y: "y" });
    expect(rowsOf(comma.sample.y)).toEqual([[2], [4], [8]]);
  });
  it("reads numbers with a decimal comma in a semicolon file (pandas decimal=','); not in a comma file", async () => {
    write("g.csv", "a;b;c\n0,5;2;x\n-1,25;;y\n3;1,5e1;x\n,75;4;y\n");
    const r = await read(["g.csv"], { x: "a,c", y: "b" });
    expect(rowsOf(r.sample.x)).toEqual([
      [0.5, 0],
      [3, 0],
      [0.75, 1],
    ]);
    expect(rowsOf(r.sample.y)).toEqual([[2], [15], [4]]);
    expect(r.source).toMatchObject({ delimiter: ";", decimalComma: true });
    // Excel where the decimal mark is a comma: dots between groups of three digits are thousands separators.
    write("k.csv", "betrag;wert\n4.081,84;1\n-5.111,33;2\n1.234;3\n12;4\n1.000.000,5;5\n");
    const eu = await read(["k.csv"], { x: "betrag", y: "wert" });
    expect(rowsOf(eu.sample.x)).toEqual([[4081.84], [-5111.33], [1234], [12], [1000000.5]]);
    write("fr.csv", "montant;v\n4 081,84;1\n-5\u00a0111,33;2\n1\u202f234;3\n12;4\n");
    const fr = await read(["fr.csv"], { x: "montant", y: "v" });
    expect(rowsOf(fr.sample.x)).toEqual([[4081.84], [-5111.33], [1234], [12]]);
    write("h.csv", 'a,b\n"1,234",1\n"2,5",2\n"1,234",3\n');
    expect((await read(["h.csv"], { x: "a", y: "b" })).xColumns[0]).toMatchObject({ categories: ["1,234", "2,5"] });
  });
  it("reads pandas' header of column numbers (a DataFrame made from an array), with or without its index", async () => {
    const body = "0.5,1.5,2\n1.25,3,4\n-2,6.5,8\n";
    const plain = await read([write("p.csv", `0,1,2\n${body}`)], { x: "0", y: "2" });
    expect(plain.source).toMatchObject({ header: true });
    expect(rowsOf(plain.sample.y)).toEqual([[2], [4], [8]]);
    const indexed = await read([write("q.csv", `,0,1,2\n0,${body.replace(/\n(?=.)/g, "\n9,")}`)], { x: "0", y: "2" });
    expect(rowsOf(indexed.sample.x)).toEqual([[0.5], [1.25], [-2]]);
    expect(rowsOf(indexed.sample.y)).toEqual([[2], [4], [8]]);
    const counts = await read([write("r.csv", "0,1,2\n3,4,5\n6,7,8\n")], { x: "0", y: "2" });
    expect(counts.source).toMatchObject({ header: false }); // integer rows after 0, 1, 2: data
    // Named columns after the numbers (df["classes"] = y): a header too, and the label has no "classes" category.
    const named = await read([write("n.csv", "0,1,classes\n0.5,1,one\n1.5,2,two\n2.5,3,one\n")], { y: "classes" });
    expect(named.source).toMatchObject({ header: true });
    expect(rowsOf(named.sample.x)).toEqual([
      [0.5, 1],
      [1.5, 2],
      [2.5, 3],
    ]);
    expect(named.yColumns[0]).toMatchObject({ categories: ["one", "two"] });
  });
  it("leaves a written DataFrame index out of the side taken by default, with a warning", async () => {
    // Rows sorted by class, as iris and wine come: the row number predicts the label.
    const rows = Array.from({ length: 12 }, (_, i) => `${i},${(i * 0.37) % 1},${(i * 0.61) % 1},${Math.floor(i / 4)}`);
    write("idx.csv", `,a,b,label\n${rows.join("\n")}\n`);
    const r = await read(["idx.csv"], { y: "label" });
    expect(r.xColumns.map((c) => c.name)).toEqual(["a", "b"]);
    expect(r.warnings).toEqual([expect.stringMatching(/^column '0' left out: a written DataFrame index/)]);
    expect((await read(["idx.csv"], { x: "0", y: "label" })).xColumns.map((c) => c.name)).toEqual(["0"]);
    // pandas' read_csv then to_csv: 'Unnamed: 0' after a new unnamed index; and a two-column frame with its index.
    write("twice.csv", `,Unnamed: 0,a,b,label\n${rows.map((l, i) => `${i},${l}`).join("\n")}\n`);
    expect((await read(["twice.csv"], { y: "label" })).xColumns.map((c) => c.name)).toEqual(["a", "b"]);
    // R's row names as Rdatasets writes them, under 'rownames'.
    write(
      "r.csv",
      `rownames,a,b,label\n${rows.map((l) => l.replace(/^(\d+)/, (i) => String(Number(i) + 1))).join("\n")}\n`,
    );
    const fromR = await read(["r.csv"], { y: "label" });
    expect(fromR.xColumns.map((c) => c.name)).toEqual(["a", "b"]);
    expect(fromR.warnings).toEqual([expect.stringMatching(/^column 'rownames' left out: a written DataFrame index/)]);
    write("pair.csv", `,a,b\n${rows.map((l) => l.split(",").slice(0, 3).join(",")).join("\n")}\n`);
    const pair = await read(["pair.csv"]);
    expect([pair.xColumns[0]!.name, pair.yColumns[0]!.name]).toEqual(["a", "b"]);
  });
  it("reads a first row of years beside a text cell as the header when the selection names its cells", async () => {
    // Detection reads "country,1970,1971,1972" as data (numbers in numeric columns); --y 1972 names a cell of it.
    const rows = Array.from({ length: 9 }, (_, i) => `c${i},${i % 3},${i * i},${(i * 7) % 5}`);
    write("wide.csv", `country,1970,1971,1972\n${rows.join("\n")}\n`);
    const r = await read(["wide.csv"], { y: "1972" });
    expect(r.yColumns.map((c) => c.name)).toEqual(["1972"]);
    expect(r.xColumns.map((c) => c.name)).toEqual(["country", "1970", "1971"]);
    expect(rowsOf(r.sample.y)[0]).toEqual([0]); // the first data row, not the header's 1972
    // A selection that works either way keeps the detected reading; --no-header keeps the error.
    expect((await read(["wide.csv"], { x: "1", y: "2" })).xColumns.map((c) => c.name)).toEqual(["1"]);
    expect(await failure(read(["wide.csv"], { y: "1972", header: false }))).toMatchObject({ code: "E_UNKNOWN" });
  });

  it("sets aside empty columns (a trailing delimiter, unused spreadsheet columns) instead of dropping every row", async () => {
    const values = [
      [0.5, 1, 2],
      [1.5, 3, 5],
      [-2, 4, 1],
    ];
    write("trail.csv", `a,b,c,,\n${values.map((v) => `${v.join(",")},,`).join("\n")}\n`);
    const r = await read(["trail.csv"], { x: "a" });
    expect(rowsOf(r.sample.y)).toEqual(values.map((v) => v.slice(1)));
    expect(r.setAside).toEqual([
      { group: "y", name: "3", reason: "empty (every cell missing)" },
      { group: "y", name: "4", reason: "empty (every cell missing)" },
    ]);
    expect(r.warnings).toEqual([
      "Y column '3' set aside: empty (every cell missing)",
      "Y column '4' set aside: empty (every cell missing)",
    ]);
    const none = await failure(read(["trail.csv"], { x: "a", y: "3" }));
    expect(none.code).toBe("E_DATA");
    expect(none.message).toMatch(/no usable Y column: '3' is empty \(every cell missing\)/);
  });
  it("renames a column the header names twice as pandas does (v, v.1, v.2), with a warning", async () => {
    // pandas 1.5 read_csv names these columns v, v.2, w, v.3, v.1 (the oracle: v.1 is already taken).
    write("dup.csv", "v,v,w,v,v.1\n1,2,3,4,5\n6,7,8,9,10\n11,12,13,14,15\n");
    const r = await read(["dup.csv"], { x: "v,v.2", y: "v.1,v.3" });
    expect(rowsOf(r.sample.x)).toEqual([
      [1, 2],
      [6, 7],
      [11, 12],
    ]);
    expect(rowsOf(r.sample.y)).toEqual([
      [5, 4],
      [10, 9],
      [15, 14],
    ]);
    expect(r.warnings).toEqual([expect.stringContaining("renamed as pandas does: 'v' → 'v.2', 'v' → 'v.3'")]);
  });
  it("reads ISO dates and date-times as days since 1970-01-01 UTC; a column with any other text stays categorical", async () => {
    write(
      "d.csv",
      "when,day,v\n2024-01-01 06:00:00,2024-01-01,1\n2024-01-02T18:00,,2\n1970-01-02,x,3\n2024-01-03,2024-01-03,4\n",
    );
    const r = await read(["d.csv"], { x: "when,day", y: "v" });
    expect(rowsOf(r.sample.x)).toEqual([
      [19723.25, 0],
      [1, 2],
      [19725, 1],
    ]);
    expect(r.source).toMatchObject({ dates: "when" });
    expect(r.xColumns[1]).toMatchObject({ categories: ["2024-01-01", "2024-01-03", "x"] });
  });
  it("reads year-first slashed date-times and month-name dates as days; day- or month-first numbers stay text", async () => {
    write(
      "s.csv",
      't,named,ambiguous,v\n2015/01/01 01:00:00,Jan 1 2000,01/02/2015,1\n2015/01/02 13:30,"June 12, 1998",02/01/2015,2\n2015/01/03,Sept 30 1999,03/01/2015,3\n',
    );
    const r = await read(["s.csv"], { x: "t,named,ambiguous", y: "v" });
    // Oracle: Python's date(2015,1,1) - date(1970,1,1) = 16436 days; date(2000,1,1) 10957; date(1998,6,12) 10389; date(1999,9,30) 10864.
    expect(rowsOf(r.sample.x)).toEqual([
      [16436 + 1 / 24, 10957, 0],
      [16437 + 13.5 / 24, 10389, 1],
      [16438, 10864, 2],
    ]);
    expect(r.source).toMatchObject({ dates: "t, named" });
    expect(r.xColumns[2]).toMatchObject({ categories: ["01/02/2015", "02/01/2015", "03/01/2015"] });
  });
  it("reads month/day/year and day/month/year dates when the column tells which, and clock times as a day's fraction", async () => {
    write(
      "n.csv",
      "us,eu,when,clock,bad,v\n1/5/2019,01/02/1965,3/14/2025 1:20 PM,13:08,2/30/2019,1\n3/13/2019,13/01/1965,12/31/2025 12:00 AM,9:30 am,1/13/2019,2\n2019-01-05T12:00:00.000Z,1965-02-01,2025-12-31,0:00,1/1/2019,3\n",
    );
    const r = await read(["n.csv"], { x: "us,eu,when,clock,bad", y: "v" });
    // A few ISO cells among numbered ones (earthquakes-23k.csv) are read as ISO.
    expect(rowsOf(r.sample.x)[2]!.slice(0, 4)).toEqual([17901.5, -1795, 20453, 0]);
    // Oracle: Python's date(2019,1,5) - date(1970,1,1) = 17901 days; (2019,3,13) 17968; (1965,2,1) -1795;
    // (1965,1,13) -1814; (2025,3,14) 20161 and 1:20 PM = 800 of 1,440 minutes; (2025,12,31) 20453 at midnight.
    const [a, b] = rowsOf(r.sample.x) as [number[], number[]];
    expect(a.slice(0, 2)).toEqual([17901, -1795]);
    expect(b.slice(0, 3)).toEqual([17968, -1814, 20453]);
    expect(a[2]).toBeCloseTo(20161 + 800 / 1440, 9);
    expect(a[3]).toBeCloseTo(788 / 1440, 12);
    expect(b[3]).toBeCloseTo(570 / 1440, 12);
    expect(r.source).toMatchObject({ dates: "us, eu, when, clock" });
    // February 30th is no date: the column stays text.
    expect(r.xColumns[4]).toMatchObject({ categories: ["1/1/2019", "1/13/2019", "2/30/2019"] });
  });
  it("reads a year and month (2000-01, nz_weather.csv's DATE) as the month's first day; month 13 stays text", async () => {
    write("ym.csv", "month,season,v\n2000-01,2012-13,1\n2000-02,2013-14,2\n2001-12,2014-15,3\n");
    const r = await read(["ym.csv"], { x: "month,season", y: "v" });
    // Oracle: Python's date(2000,1,1) - date(1970,1,1) = 10957 days; (2000,2,1) 10988; (2001,12,1) 11657.
    expect(rowsOf(r.sample.x).map((row) => row[0])).toEqual([10957, 10988, 11657]);
    expect(r.xColumns[1]).toMatchObject({ categories: ["2012-13", "2013-14", "2014-15"] });
  });
  it("reads tsibble's periods (fpp3: 1987 Jan, 1998 Q1, 2015 W01; Jan 1987) as their first day; week 53 of 2014 stays text", async () => {
    write(
      "p.csv",
      "month,named,quarter,week,bad,v\n1987 Jan,Sept 1987,1998 Q1,2015 W01,2014 W53,1\n1987 December,Jan. 1987,1998 Q3,2015 W53,2014 W52,2\n",
    );
    const r = await read(["p.csv"], { x: "month,named,quarter,week,bad", y: "v" });
    // Oracle: Python's date(1987,1,1) - date(1970,1,1) = 6209 days; (1987,12,1) 6543; (1987,9,1) 6452; (1998,1,1)
    // 10227; (1998,7,1) 10408; date.fromisocalendar(2015,1,1) = 2014-12-29, 16433; (2015,53,1) = 2015-12-28, 16797;
    // date.fromisocalendar(2014,53,1) raises "Invalid week: 53".
    expect(rowsOf(r.sample.x).map((row) => row.slice(0, 4))).toEqual([
      [6209, 6452, 10227, 16433],
      [6543, 6209, 10408, 16797],
    ]);
    expect(r.source).toMatchObject({ dates: "month, named, quarter, week" });
    expect(r.xColumns[4]).toMatchObject({ categories: ["2014 W52", "2014 W53"] });
  });
  it("keeps words that look like a month's name as text (Mayday 1 2000)", async () => {
    write("m.csv", "w,v\nMayday 1 2000,1\nMay 2 2000,2\n");
    const r = await read(["m.csv"], { x: "w", y: "v" });
    expect(r.xColumns[0]).toMatchObject({ categories: ["May 2 2000", "Mayday 1 2000"] });
  });
  it("counts distinct values and flags integer columns (categorical detection)", async () => {
    const lines = ["c,v"];
    for (let i = 0; i < 2000; i++) lines.push(`${i % 3},${i * 0.5}`);
    write("cat.csv", `${lines.join("\n")}\n`);
    const r = await read(["cat.csv"], { x: "c", y: "v" });
    expect(r.xColumns[0]).toMatchObject({ distinct: 3, integer: true });
    expect(r.yColumns[0]).toMatchObject({ distinct: null, integer: false });
    expect(r.sample.x.rows).toBe(2000);
    expect(r.sample.y.data[1999]).toBe(999.5);
  });
  it("reads more rows than one chunk, in order", async () => {
    const lines = ["x,y"];
    for (let i = 0; i < 20_000; i++) lines.push(`${i},${-i}`);
    const r = await read([write("big.csv", `${lines.join("\n")}\n`)]);
    expect(r.sample.x.rows).toBe(20_000);
    expect(r.sample.x.data[12_345]).toBe(12_345);
    expect(r.sample.y.data[19_999]).toBe(-19_999);
  });
  it("reads stdin with '-'", async () => {
    const stdin = Readable.from([Buffer.from("x,y\n1,2\n"), Buffer.from("3,4\n5,7\n")]);
    const r = await read(["-"], { stdin });
    expect(rowsOf(r.sample.y)).toEqual([[2], [4], [7]]);
  });
});

describe("NPY", () => {
  const expected = JSON.parse(readFileSync(join(FIXTURES, "expected.json"), "utf8")) as Record<
    string,
    { shape: number[]; rows: number[][] }
  >;
  it.each(Object.keys(expected).filter((k) => !k.includes("nan") && !k.includes("inf")))(
    "reads %s.npy exactly as NumPy wrote it",
    async (name) => {
      const e = expected[name]!;
      const cols = e.rows[0]!.length;
      const all = Array.from({ length: cols }, (_, i) => i).join(",");
      if (cols === 1) {
        const r = await read([join(FIXTURES, `${name}.npy`), join(FIXTURES, `${name}.npy`)]);
        expect(rowsOf(r.sample.x)).toEqual(e.rows);
        return;
      }
      const r = await read([join(FIXTURES, `${name}.npy`)], { x: "0", y: all.slice(2) });
      expect(rowsOf(r.sample.x).map((row) => row[0])).toEqual(e.rows.map((row) => row[0]));
      expect(rowsOf(r.sample.y)).toEqual(e.rows.map((row) => row.slice(1)));
    },
  );
  it("reads X and Y from two files", async () => {
    const r = await read([join(FIXTURES, "f8_c.npy"), join(FIXTURES, "f4_c.npy")], { y: "2" });
    expect(r.sample.x.cols).toBe(3);
    expect(rowsOf(r.sample.y).map((v) => v[0])).toEqual(expected.f4_c!.rows.map((row) => row[2]));
  });
  it("drops a NaN row (or refuses it under missing: error); refuses Inf and structured arrays", async () => {
    const nan = await failure(read([join(FIXTURES, "nan_cell.npy")], { x: "0", y: "1", missing: "error" }));
    expect(nan).toEqual({
      code: "E_VALUE",
      message: expect.stringContaining("nan_cell.npy: row 2, column '1': NaN (missing value)"),
    });
    const dropped = await failure(read([join(FIXTURES, "nan_cell.npy")], { x: "0", y: "1" }));
    expect(dropped).toEqual({
      code: "E_DATA",
      message: expect.stringContaining("1 rows left after dropping 1 of 2 with missing cells ('1' (1))"),
    });
    const inf = await failure(read([join(FIXTURES, "inf_cell.npy")], { x: "0", y: "1" }));
    expect(inf.message).toContain("row 1, column '1': Infinity is infinite");
    const s = await failure(read([join(FIXTURES, "structured.npy")]));
    expect(s.code).toBe("E_PARSE");
  });
  it("refuses a truncated file", async () => {
    const bytes = encodeNpy(new Float64Array([1, 2, 3, 4]), 2, 2);
    const f = write("cut.npy", bytes.subarray(0, bytes.length - 3));
    const e = await failure(read([f], { x: "0", y: "1" }));
    expect(e.code).toBe("E_PARSE");
    expect(e.message).toContain("truncated");
  });
});

describe("JSONL and Parquet", () => {
  it("reads array fields as embeddings and scalars as columns", async () => {
    const lines = [
      { id: 1, emb_img: [0.1, 0.2], emb_txt: [1, 2, 3], tag: "a" },
      { id: 2, emb_img: [0.3, 0.4], emb_txt: [4, 5, 6], tag: "b" },
      { id: 3, emb_img: [0.5, 0.7], emb_txt: [7, 8, 10], tag: "c" },
    ];
    write("e.jsonl", `${lines.map((l) => JSON.stringify(l)).join("\n")}\n\n`);
    const r = await read(["e.jsonl"], { x: "emb_img", y: "emb_txt" });
    expect(rowsOf(r.sample.x)).toEqual(lines.map((l) => l.emb_img));
    expect(rowsOf(r.sample.y)).toEqual(lines.map((l) => l.emb_txt));
    expect(r.yColumns.map((c) => c.name)).toEqual(["emb_txt[0]", "emb_txt[1]", "emb_txt[2]"]);
    const tagged = await read(["e.jsonl"], { x: "emb_img", y: "tag" });
    expect(tagged.sample.categories?.y).toEqual([["a", "b", "c"]]);
    expect(Array.from(tagged.sample.y.data)).toEqual([0, 1, 2]);
    write("obj.jsonl", '{"a":1,"b":{"c":2}}\n{"a":2,"b":{"c":3}}\n');
    const bad = await failure(read(["obj.jsonl"], { x: "a", y: "b" }));
    expect(bad).toEqual({ code: "E_PARSE", message: expect.stringContaining("row 1 (line 1), column 'b'") });
  });
  it("refuses ragged arrays and bad JSON with the line", async () => {
    write("f.jsonl", '{"a":[1,2],"b":1}\n{"a":[1],"b":2}\n');
    expect((await failure(read(["f.jsonl"], { x: "a", y: "b" }))).message).toContain("line 2");
    write("g.jsonl", '{"a":1,"b":2}\n{"a":1,\n');
    expect(await failure(read(["g.jsonl"]))).toMatchObject({ code: "E_PARSE" });
  });
  it("reads Parquet written by hyparquet-writer, only the selected columns", async () => {
    const n = 50;
    const data = new Float64Array(n * 3);
    for (let i = 0; i < data.length; i++) data[i] = Math.sin(i) * 10;
    const f = write("p.parquet", await encodeParquet(["a", "b", "c"], data, n));
    const r = await read([f], { x: "a,c", y: "b" });
    expect(r.sample.x.rows).toBe(n);
    expect(r.sample.x.data[2 * 7 + 1]).toBe(data[3 * 7 + 2]);
    expect(r.sample.y.data[49]).toBe(data[3 * 49 + 1]);
  });
});

describe("validation", () => {
  it("missing file → E_IO naming the folder; a folder → E_IO", async () => {
    expect(await failure(read(["nope.csv"]))).toEqual({
      code: "E_IO",
      message: `nope.csv: no such file (looked in ${dir})`,
    });
    expect((await failure(read([dir]))).code).toBe("E_IO");
  });
  it("empty file, header only → E_DATA", async () => {
    expect((await failure(read([write("empty.csv", "")]))).code).toBe("E_DATA");
    expect((await failure(read([write("hdr.csv", "x,y\n")]))).message).toContain("no data rows");
  });
  it("ragged rows → E_PARSE with row and line", async () => {
    const e = await failure(read([write("r.csv", "x,y\n1,2\n3\n")]));
    expect(e).toEqual({
      code: "E_PARSE",
      message: expect.stringContaining("row 2 (line 3) has 1 fields but the header has 2"),
    });
  });
  it("missing cells under missing: error, stray text in a real-valued column, Inf → E_VALUE / E_PARSE", async () => {
    const stray = ["x,y", ...Array.from({ length: 12 }, (_, i) => `${i},${i + 0.5}`), "3,abc"].join("\n");
    expect(await failure(read([write("t.csv", `${stray}\n`)], { missing: "error" }))).toEqual({
      code: "E_PARSE",
      message: expect.stringContaining(
        "t.csv: row 13 (line 14), column 'y': 'abc' is not a number, but 92.3% of the column's cells are",
      ),
    });
    const error = { missing: "error" } as const;
    expect((await failure(read([write("m.csv", "x,y\n1,\n2,3\n")], error))).message).toContain("empty cell");
    expect((await failure(read([write("n.csv", "x,y\n1,NaN\n")], error))).code).toBe("E_VALUE");
    expect((await failure(read([write("i.csv", "x,y\n1,-inf\n")]))).message).toContain("infinite");
    expect((await failure(read([write("o.csv", "x,y\n1,1e999\n")]))).code).toBe("E_VALUE");
  });
  it("stray texts in a real-valued column are missing values: their rows dropped, with a warning naming them", async () => {
    const ys = Array.from({ length: 30 }, (_, i) => i * 0.25 - 3);
    const cells = ys.map((v, i) => (i === 4 ? "#DIV/0!" : i === 17 ? "abc" : i === 9 ? "n/a" : String(v)));
    const r = await read([write("s.csv", `x,y\n${cells.map((c, i) => `${i},${c}`).join("\n")}\n`)]);
    const kept = ys.filter((_, i) => i !== 4 && i !== 17 && i !== 9);
    expect(Array.from(r.sample.y.data)).toEqual(kept);
    expect(r.sample.categories).toBeUndefined();
    expect(r.droppedRows).toBe(3);
    expect(r.warnings[0]).toMatch(
      /^column 'y': 2 cells are not numbers \('#DIV\/0!', 'abc'\) where 27 are; read as missing/,
    );
    expect(r.warnings[1]).toMatch(/^3 of 30 rows dropped for missing cells .*'y' \(3\)/);
  });
  it("reads None as a category (R's control groups, vcd's Arthritis), and None among numbers as a stray text", async () => {
    // Before, `none` and `None` were missing words: a treatment column's control group, 'none', lost every row.
    const rows = Array.from({ length: 30 }, (_, i) => `${["none", "drug", "None"][i % 3]},${i === 7 ? "None" : i / 4}`);
    const r = await read([write("none.csv", `treatment,dose\n${rows.join("\n")}\n`)], { x: "treatment", y: "dose" });
    expect(r.xColumns[0]).toMatchObject({ categories: ["None", "drug", "none"] });
    expect(r.droppedRows).toBe(1);
    expect(r.warnings[0]).toMatch(/^column 'dose': 1 cells are not numbers \('None'\) where 29 are; read as missing/);
  });
  it("X and Y files with different row counts → E_SHAPE", async () => {
    write("x.csv", "a\n1\n2\n3\n");
    write("y.csv", "b\n1\n2\n");
    const e = await failure(read(["x.csv", "y.csv"]));
    expect(e).toEqual({ code: "E_SHAPE", message: expect.stringContaining("has 3 rows but Y (y.csv) has 2") });
  });
  it("a constant or duplicated column is set aside with a warning; a group left empty is E_DATA", async () => {
    const f = write("k.csv", "x0,x1,x2,y0\n1,5,1,0\n2,5,2,1\n3,5,3,1\n");
    const r = await read([f]);
    expect(r.xColumns.map((c) => c.name)).toEqual(["x0"]);
    expect(r.warnings).toEqual(["X column 'x1' set aside: constant (5)", "X column 'x2' set aside: duplicate of 'x0'"]);
    expect(rowsOf(r.sample.x)).toEqual([[1], [2], [3]]);
    const e = await failure(read([f], { x: "x1", y: "y0" }));
    expect(e).toEqual({ code: "E_DATA", message: expect.stringContaining("no usable X column: 'x1' is constant (5)") });
  });
  it("warns when an X column equals a Y column", async () => {
    const r = await read([write("eq.csv", "a,b\n1,1\n2,2\n3,3\n")]);
    expect(r.warnings[0]).toContain("equals Y column 'b'");
  });
  it("fewer rows than needed → E_DATA naming the reason", async () => {
    write("few.csv", "x,y\n1,2\n2,3\n3,1\n");
    const e = await failure(read(["few.csv"], { minRows: 256, minRowsReason: "--batch 256" }));
    expect(e).toEqual({
      code: "E_DATA",
      message: "few.csv: 3 rows, fewer than the 256 needed for --batch 256; give more rows or lower --batch",
    });
  });
  it("unknown column → E_UNKNOWN; overlapping X and Y → E_ARG; unclear default → E_ARG", async () => {
    const f = write("u.csv", "alpha,beta,gamma\n1,2,3\n4,5,6\n");
    expect(await failure(read([f], { x: "alpah", y: "beta" }))).toEqual({
      code: "E_UNKNOWN",
      message: expect.stringContaining("did you mean 'alpha'?"),
    });
    expect((await failure(read([f], { x: "alpha,beta", y: "beta" }))).message).toContain("both X and Y");
    expect((await failure(read([f]))).message).toContain("say which are X and Y");
    const rest = await read([f], { x: "alpha" });
    expect(rest.yColumns.map((c) => c.name)).toEqual(["beta", "gamma"]);
  });
});
