import { describe, expect, it } from "vitest";
import { failure } from "../../../test/helpers/failure.js";
import { run } from "../../../test/helpers/run-cli.js";
import { tempDir } from "../../../test/helpers/temp-dir.js";
import { encodeNpy } from "../write/encode-npy.js";
import { type ReadPairedOptions, readPairedSample } from "./read-paired-sample.js";

/**
 * Real tables as pandas users have them: string labels, booleans, missing cells in several spellings, quoted
 * fields. Every fixture is made here from a seeded generator, and the expected codes, counts and rows come from
 * the generator's own record of what it wrote (the oracle), not from the reader.
 */
const { dir, write } = tempDir();
const read = (files: string[], more: Partial<ReadPairedOptions> = {}) => readPairedSample({ files, cwd: dir, ...more });

/** A small seeded generator (LCG), so fixtures are the same bytes on every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SPECIES = ["versicolor", "setosa", "virginica"] as const;

/** An iris-like table: 4 measurements (2 decimals) and a species label; labels and values recorded. */
function irisLike(rows: number) {
  const u = rng(7);
  const table = Array.from({ length: rows }, () => {
    const k = Math.floor(u() * 3);
    const xs = Array.from({ length: 4 }, (_, j) => Math.round((4 + j + k + u()) * 100) / 100);
    return { xs, species: SPECIES[k]! };
  });
  return table;
}

describe("string and boolean columns are categorical", () => {
  const iris = irisLike(150);
  const sorted = [...SPECIES].sort();
  it("iris with a header: species gets codes 0…2 in sorted label order, measurements stay exact", async () => {
    const text = `sepal_length,sepal_width,petal_length,petal_width,species\n${iris.map((r) => [...r.xs, r.species].join(",")).join("\n")}\n`;
    const r = await read([write("iris.csv", text)], { y: "species" });
    expect(r.sample.x.cols).toBe(4);
    expect(r.sample.categories).toEqual({ x: [undefined, undefined, undefined, undefined], y: [sorted] });
    expect(Array.from(r.sample.y.data)).toEqual(iris.map((row) => sorted.indexOf(row.species)));
    expect(Array.from(r.sample.x.data.subarray(0, 4))).toEqual(iris[0]!.xs);
    expect(r.yColumns[0]).toMatchObject({ name: "species", distinct: 3, categories: sorted, min: 0, max: 2 });
  });
  it("headerless iris.data (UCI): the label column is text in every row, so the first row is data", async () => {
    const text = `${iris.map((r) => [...r.xs, `Iris-${r.species}`].join(",")).join("\n")}\n`;
    const r = await read([write("iris.data", text)], { x: "0..3", y: "4" });
    expect(r.sample.x.rows).toBe(150);
    expect(r.source).toMatchObject({ header: false });
    expect(r.sample.categories?.y[0]).toEqual(sorted.map((s) => `Iris-${s}`));
  });
  it("booleans in CSV (any case) and in JSONL: labels false < true, codes 0 and 1", async () => {
    const flags = [true, false, false, true, true, false, true];
    const csv = `v,b\n${flags.map((f, i) => `${i * 0.5},${i % 2 ? String(f).toUpperCase() : String(f).toUpperCase()}`).join("\n")}\n`;
    const c = await read([write("b.csv", csv)]);
    expect(c.sample.categories?.y[0]).toEqual(["FALSE", "TRUE"]);
    expect(Array.from(c.sample.y.data)).toEqual(flags.map(Number));
    const jsonl = flags.map((f, i) => JSON.stringify({ v: i * 0.5, b: f })).join("\n");
    const j = await read([write("b.jsonl", jsonl)]);
    expect(j.sample.categories?.y[0]).toEqual(["false", "true"]);
    expect(Array.from(j.sample.y.data)).toEqual(flags.map(Number));
  });
  it("a text column with a label for most rows is an identifier: set aside with a warning, E_DATA when alone", async () => {
    // 60 rows: a name per row (60 labels), a city (3 labels), a numeric code with 30 values (numbers: not subject).
    const rows = Array.from(
      { length: 60 },
      (_, i) => `user${i},${["paris", "lyon", "nice"][i % 3]},${i % 30},${(i * 0.37) % 5}`,
    );
    const file = write("ids.csv", `name,city,half,v\n${rows.join("\n")}\n`);
    const r = await read([file], { x: "name,city,half", y: "v" });
    expect(r.setAside).toEqual([
      { group: "x", name: "name", reason: "an identifier, not a category (60 distinct labels in 60 rows)" },
    ]);
    expect(r.warnings).toContain(
      "X column 'name' set aside: an identifier, not a category (60 distinct labels in 60 rows)",
    );
    expect(r.sample.x.cols).toBe(2);
    const alone = await failure(read([file], { x: "name", y: "v" }));
    expect(alone.code).toBe("E_DATA");
    expect(alone.message).toMatch(
      /no usable X column: 'name' is an identifier, not a category \(60 distinct labels in 60 rows\); .* --x$/,
    );
  });
  it("integer codes with an 'other' label stay categorical; labels of numbers sort by value", async () => {
    const r = await read([write("o.csv", "x,k\n0.5,10\n1.5,2\n2.5,other\n3.5,2\n4.5,10\n")]);
    expect(r.sample.categories?.y[0]).toEqual(["2", "10", "other"]);
    expect(Array.from(r.sample.y.data)).toEqual([1, 0, 2, 0, 1]);
  });
  it("Parquet string and boolean columns, with nulls, follow the same rule", async () => {
    const { parquetWriteBuffer } = await import("hyparquet-writer");
    const labels = ["b", "a", null, "b", "c", "a"];
    const flags = [true, false, true, null, false, true];
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: "v", data: [0.5, 1.5, 2.5, 3.5, 4.5, 5.5], type: "DOUBLE" },
        { name: "s", data: labels, type: "STRING", nullable: true },
        { name: "f", data: flags, type: "BOOLEAN", nullable: true },
      ],
    });
    const r = await read([write("t.parquet", new Uint8Array(bytes))], { x: "v", y: "s,f" });
    expect(r.droppedRows).toBe(2);
    expect(r.sample.categories?.y).toEqual([
      ["a", "b", "c"],
      ["false", "true"],
    ]);
    expect(Array.from(r.sample.y.data)).toEqual([1, 1, 0, 0, 2, 0, 0, 1]);
    expect(r.warnings[0]).toBe(
      "2 of 6 rows dropped for missing cells (--missing error refuses them instead); missing cells per column: 's' (1), 'f' (1)",
    );
  });
});

describe("Parquet is read column-wise with the rule of the row-wise readers", () => {
  it("many row groups and pages, a column turning categorical late, nulls, NaN and an embedding: same as JSONL", async () => {
    const { parquetWriteBuffer } = await import("hyparquet-writer");
    const u = rng(5);
    const n = 3000;
    const v = Array.from({ length: n }, (_, i) => (i % 211 === 7 ? Number.NaN : Math.round(u() * 1e6) / 1e3));
    // numbers written as text until row 2500, then a label: the column turns categorical in a late row group
    const code = Array.from({ length: n }, (_, i) => (i === 2500 ? "other" : String((i % 4) * 10 + 5)));
    const w = Array.from({ length: n }, (_, i) => (i % 97 === 3 ? null : i % 5));
    const emb = Array.from({ length: n }, (_, i) => (i % 389 === 11 ? null : [u(), i % 3]));
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: "v", data: v, type: "DOUBLE" },
        { name: "code", data: code, type: "STRING" },
        { name: "w", data: w, type: "INT32", nullable: true },
        { name: "emb", data: emb },
      ],
      rowGroupSize: 700,
      pageSize: 2048,
    });
    const lines = v.map((x, i) =>
      JSON.stringify({ v: Number.isNaN(x) ? null : x, code: code[i], w: w[i], emb: emb[i] }),
    );
    const select = { x: "v,emb", y: "code,w" };
    const pq = await read([write("many.parquet", new Uint8Array(bytes))], select);
    const js = await read([write("many.jsonl", `${lines.join("\n")}\n`)], select);
    const dropped = v.filter((x, i) => Number.isNaN(x) || w[i] === null || emb[i] === null).length;
    expect(pq.droppedRows).toBe(dropped);
    expect(pq.sample.x.rows).toBe(n - dropped);
    expect(Array.from(pq.sample.x.data)).toEqual(Array.from(js.sample.x.data));
    expect(Array.from(pq.sample.y.data)).toEqual(Array.from(js.sample.y.data));
    expect(pq.sample.categories).toEqual(js.sample.categories);
    expect(pq.sample.categories?.y[0]).toEqual(["5", "15", "25", "35", "other"]);
  });
  it("a ragged embedding is E_PARSE naming its row", async () => {
    const { parquetWriteBuffer } = await import("hyparquet-writer");
    const emb = [[1, 2], [3, 4], [5], [6, 7]];
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: "emb", data: emb },
        { name: "y", data: [1, 2, 3, 4], type: "DOUBLE" },
      ],
    });
    const e = await failure(read([write("ragged.parquet", new Uint8Array(bytes))], { x: "emb", y: "y" }));
    expect(e.code).toBe("E_PARSE");
    expect(e.message).toContain("row 3");
    expect(e.message).toContain("array of 1 values, but the first row's has 2");
  });
});

/** A 1,000 × 30 table with 1% of its cells missing, spelled five ways; the generator records each one. */
function holeyTable() {
  const u = rng(11);
  const rows = 1000;
  const cols = 30;
  const markers = ["", "NA", "NaN", "null", "?"];
  const values: number[][] = [];
  const missing: boolean[][] = [];
  for (let r = 0; r < rows; r++) {
    values.push(Array.from({ length: cols }, () => Math.round((u() * 20 - 10) * 1000) / 1000));
    missing.push(Array.from({ length: cols }, () => u() < 0.01));
  }
  const perColumn = Array.from({ length: cols }, (_, j) => missing.filter((m) => m[j]).length);
  const kept = values.filter((_, r) => !missing[r]!.some(Boolean));
  const names = Array.from({ length: cols }, (_, j) => (j < 29 ? `f${j}` : "target"));
  const cell = (r: number, j: number) => (missing[r]![j] ? markers[(r + j) % markers.length]! : String(values[r]![j]));
  const csv = `${names.join(",")}\n${values.map((row, r) => row.map((_, j) => cell(r, j)).join(",")).join("\n")}\n`;
  return { rows, cols, names, values, missing, perColumn, kept, csv };
}

describe("missing cells drop their rows, with the count and the columns", () => {
  const t = holeyTable();
  const expectedWarning = () => {
    const hit = t.perColumn.flatMap((n, j) => (n > 0 ? [`'${t.names[j]}' (${n})`] : []));
    const list = hit.length > 10 ? `${hit.slice(0, 10).join(", ")} and ${hit.length - 10} more` : hit.join(", ");
    return `${t.rows - t.kept.length} of ${t.rows} rows dropped for missing cells (--missing error refuses them instead); missing cells per column: ${list}`;
  };
  it("CSV: 1% empty/NA/NaN/null/? cells in a 30-column table", async () => {
    const r = await read([write("holey.csv", t.csv)], { y: "target" });
    expect(t.kept.length).toBeLessThan(t.rows * 0.8); // the fixture really has holes in many rows
    expect(r.droppedRows).toBe(t.rows - t.kept.length);
    expect(r.warnings).toContain(expectedWarning());
    expect(r.sample.x.rows).toBe(t.kept.length);
    expect(Array.from(r.sample.y.data)).toEqual(t.kept.map((row) => row[29]));
    expect(Array.from(r.sample.x.data.subarray(0, 29))).toEqual(t.kept[0]!.slice(0, 29));
    expect(r.xColumns.map((c) => c.missing)).toEqual(t.perColumn.slice(0, 29));
  });
  it("JSONL (null) and NPY (NaN) give the same sample and the same warning", async () => {
    const jsonl = t.values
      .map((row, r) => JSON.stringify(Object.fromEntries(row.map((v, j) => [t.names[j], t.missing[r]![j] ? null : v]))))
      .join("\n");
    const j = await read([write("holey.jsonl", jsonl)], { y: "target" });
    const flat = new Float64Array(t.rows * t.cols);
    t.values.forEach((row, r) => {
      row.forEach((v, c) => {
        flat[r * t.cols + c] = t.missing[r]![c] ? Number.NaN : v;
      });
    });
    const n = await read([write("holey.npy", encodeNpy(flat, t.rows, t.cols))], { x: "0..28", y: "29" });
    const c = await read([write("holey2.csv", t.csv)], { y: "target" });
    expect(Array.from(j.sample.x.data)).toEqual(Array.from(c.sample.x.data));
    expect(Array.from(n.sample.x.data)).toEqual(Array.from(c.sample.x.data));
    expect(j.warnings).toContain(expectedWarning());
    expect(n.droppedRows).toBe(c.droppedRows);
  });
  it("--missing error refuses the first missing cell with its place; too few rows left is E_DATA", async () => {
    const f = write("holey3.csv", t.csv);
    const first = t.missing.findIndex((m) => m.some(Boolean));
    const col = t.missing[first]!.findIndex(Boolean);
    const e = await failure(read([f], { y: "target", missing: "error" }));
    expect(e.code).toBe("E_VALUE");
    expect(e.message).toContain(`row ${first + 1} (line ${first + 2}), column '${t.names[col]}'`);
    const few = await failure(read([f], { y: "target", minRows: t.kept.length + 1, minRowsReason: "--batch 999" }));
    expect(few).toEqual({
      code: "E_DATA",
      message: expect.stringContaining(`${t.kept.length} rows left after dropping ${t.rows - t.kept.length} of 1000`),
    });
  });
  it("--na-values replaces the markers: -999 is missing, NA becomes a label", async () => {
    const f = write("na.csv", "x,y\n1.5,a\n2.5,-999\n3.5,NA\n4.5,b\n");
    const r = await read([f], { naValues: "-999" });
    expect(r.droppedRows).toBe(1);
    expect(r.sample.categories?.y[0]).toEqual(["NA", "a", "b"]);
    expect((await failure(read([f], { naValues: "a,,b" }))).code).toBe("E_ARG");
  });
});

describe("quoted fields and exotic numbers", () => {
  it("reads quotes with delimiters, doubled quotes and newlines inside, CRLF and a BOM", async () => {
    const text = '\ufeffv,"label"\r\n1.5,"setosa, large"\r\n2.5,"say ""hi"""\r\n"3.5","two\r\nlines"\r\n4.5,plain\r\n';
    const r = await read([write("q.csv", text)]);
    expect(r.xColumns[0]!.name).toBe("v");
    expect(Array.from(r.sample.x.data)).toEqual([1.5, 2.5, 3.5, 4.5]);
    expect(r.sample.categories?.y[0]).toEqual(["plain", 'say "hi"', "setosa, large", "two\r\nlines"]);
  });
  it("parses every valid number form exactly as Number() does; NaN text is missing", async () => {
    const forms = ["1e-5", "+3", ".5", "-0", "5.", "1E+2", "0.1234567890123456789", "123456789012345678", "-2.5e-310"];
    const text = `a,b\n${forms.map((f, i) => `${i},${f}`).join("\n")}\n99,NaN\n`;
    const r = await read([write("n.csv", text)]);
    expect(r.droppedRows).toBe(1);
    expect(Array.from(r.sample.y.data)).toEqual(forms.map(Number));
    expect(Object.is(r.sample.y.data[3], -0)).toBe(true);
  });
});

describe("the CLI shows categories and dropped rows", () => {
  it("inspect lists labels and missing counts; estimate --json carries the warning", async () => {
    write("cli.csv", "x,label\n0.5,cat\n1.5,dog\n,dog\n2.5,cat\n3.5,NA\n4.5,dog\n");
    const i = await run(["inspect", "cli.csv"], { cwd: dir });
    expect(i.code).toBe(0);
    expect(i.out).toContain("4 rows (2 dropped for missing cells)");
    expect(i.out).toMatch(/label\s+2\s+categorical\s+1\s+cat, dog/);
    const j = JSON.parse((await run(["inspect", "cli.csv", "--json"], { cwd: dir })).out);
    expect(j.columns[1]).toMatchObject({ name: "label", categories: ["cat", "dog"], missing: 1 });
    expect(j.droppedRows).toBe(2);
  });
});
