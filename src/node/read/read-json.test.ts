import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { failure } from "../../../test/helpers/failure.js";
import { lcg } from "../../../test/helpers/lcg.js";
import { run } from "../../../test/helpers/run-cli.js";
import { tempDir } from "../../../test/helpers/temp-dir.js";
import { missingRule } from "./missing-values.js";
import { openInput } from "./open-input.js";
import { readJsonWithin } from "./read-json.js";
import { type ReadPairedOptions, readPairedSample } from "./read-paired-sample.js";

/**
 * JSON tables in every layout pandas' `df.to_json` writes. Each fixture is written here from a seeded generator, in
 * the bytes pandas writes (compact, index keys as strings); the expected values, codes and row counts come from the
 * generator's own record, not from the reader.
 */
const { dir, write } = tempDir();
const read = (files: string[], more: Partial<ReadPairedOptions> = {}) => readPairedSample({ files, cwd: dir, ...more });

interface Row {
  x: number;
  y: number;
  lab: "neg" | "pos";
}

/** n rows: x and y with 4 decimals, y depending on x, lab the sign of y as pandas users label it. */
function table(n: number, seed = 3): Row[] {
  const u = lcg(seed);
  return Array.from({ length: n }, () => {
    const x = Math.round((u() * 4 - 2) * 1e4) / 1e4;
    const y = Math.round((x + u() - 0.5) * 1e4) / 1e4;
    return { x, y, lab: y < 0 ? "neg" : "pos" };
  });
}

const KEYS = ["x", "y", "lab"] as const;
const rows = table(40);
const LABELS = ["neg", "pos"];
const orient: Record<string, string> = {
  records: JSON.stringify(rows),
  columns: JSON.stringify(Object.fromEntries(KEYS.map((k) => [k, Object.fromEntries(rows.map((r, i) => [i, r[k]]))]))),
  index: JSON.stringify(Object.fromEntries(rows.map((r, i) => [i, r]))),
  split: JSON.stringify({ columns: KEYS, index: rows.map((_, i) => i), data: rows.map((r) => KEYS.map((k) => r[k])) }),
  values: JSON.stringify(rows.map((r) => KEYS.map((k) => r[k]))),
  table: JSON.stringify({
    schema: {
      fields: [
        { name: "index", type: "integer" },
        { name: "x", type: "number" },
        { name: "y", type: "number" },
        { name: "lab", type: "string" },
      ],
      primaryKey: ["index"],
      pandas_version: "1.4.0",
    },
    data: rows.map((r, i) => ({ index: i, ...r })),
  }),
};

/** What the reader must give for `rows` with X = x and Y = (y, lab): the generator's values and sorted label codes. */
function expectRows(r: Awaited<ReturnType<typeof read>>, want: readonly Row[] = rows): void {
  expect(r.sample.x.rows).toBe(want.length);
  expect(Array.from(r.sample.x.data)).toEqual(want.map((w) => w.x));
  expect(Array.from(r.sample.y.data)).toEqual(want.flatMap((w) => [w.y, LABELS.indexOf(w.lab)]));
  expect(r.sample.categories?.y).toEqual([undefined, LABELS]);
}

describe("every pandas orient reads as the same table", () => {
  for (const name of Object.keys(orient)) {
    it(`orient='${name}'`, async () => {
      const selectors = name === "values" ? { x: "0", y: "1,2" } : { x: "x", y: "y,lab" };
      const r = await read([write(`${name}.json`, orient[name]!)], selectors);
      expectRows(r);
      expect(r.source).toMatchObject({ format: "json", orient: name });
      expect(r.warnings).toEqual([]);
    });
  }
  it("CSV, JSON Lines and each JSON orient give the same sample", async () => {
    const csv = `x,y,lab\n${rows.map((r) => `${r.x},${r.y},${r.lab}`).join("\n")}\n`;
    const jsonl = `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`;
    const want = await read([write("same.csv", csv)], { x: "x", y: "y,lab" });
    const others = [await read([write("same.jsonl", jsonl)], { x: "x", y: "y,lab" })];
    for (const name of ["records", "columns", "index", "split", "table"]) {
      others.push(await read([write(`same-${name}.json`, orient[name]!)], { x: "x", y: "y,lab" }));
    }
    for (const o of others) {
      expect(Array.from(o.sample.x.data)).toEqual(Array.from(want.sample.x.data));
      expect(Array.from(o.sample.y.data)).toEqual(Array.from(want.sample.y.data));
      expect(o.sample.categories).toEqual(want.sample.categories);
    }
  });
  it("a written index is left out by default, with the CSV reader's warning, and can be selected", async () => {
    const two = rows.map(({ x, y }) => ({ x, y }));
    const columns = JSON.stringify({
      x: Object.fromEntries(two.map((r, i) => [i, r.x])),
      y: Object.fromEntries(two.map((r, i) => [i, r.y])),
    });
    const r = await read([write("two.json", columns)]);
    expect(Array.from(r.sample.x.data)).toEqual(two.map((w) => w.x));
    expect(Array.from(r.sample.y.data)).toEqual(two.map((w) => w.y));
    expect(r.warnings.join("\n")).toMatch(/column 'index' left out: a written DataFrame index/);
    const split = JSON.stringify({
      columns: ["x", "y"],
      index: two.map((_, i) => i + 100),
      data: two.map((w) => [w.x, w.y]),
    });
    const s = await read([write("two-split.json", split)], { x: "index", y: "y" });
    expect(Array.from(s.sample.x.data)).toEqual(two.map((_, i) => i + 100));
    const t = await read([write("table-default.json", orient.table!)], { y: "lab" });
    expect(t.xColumns.map((c) => c.name)).toEqual(["x", "y"]);
    expect(t.warnings.join("\n")).toMatch(/column 'index' left out/);
  });
  it("a dict of lists (json.dump of {'x': [...], 'y': [...]}) reads by position, with no index", async () => {
    const lists = JSON.stringify({ x: rows.map((r) => r.x), y: rows.map((r) => r.y), lab: rows.map((r) => r.lab) });
    const r = await read([write("lists.json", lists)], { x: "x", y: "y,lab" });
    expectRows(r);
    expect(r.source).toMatchObject({ orient: "lists" });
  });
  it("orient='index' with string row labels and few rows: read by the level with more keys, with a warning", async () => {
    const names = ["ann", "bob", "cy", "dee", "eve"];
    const wide = JSON.stringify(Object.fromEntries(names.map((n, i) => [n, { a: i, b: i * i, c: -i }])));
    const r = await read([write("people.json", wide)], { x: "a", y: "b" });
    expect(Array.from(r.sample.y.data)).toEqual([0, 1, 4, 9, 16]);
    expect(r.warnings.join("\n")).toMatch(/read as pandas' orient='index' \(3 columns, 5 rows\)/);
  });
  it("missing cells (null, absent keys) drop their rows with the JSONL reader's warning", async () => {
    const withNull = rows.map((r, i) => (i % 10 === 3 ? { ...r, y: null } : r));
    const cols = JSON.parse(orient.columns!) as Record<string, Record<string, unknown>>;
    delete cols.y!["13"];
    cols.y!["23"] = null;
    const kept = rows.filter((_, i) => i !== 13 && i !== 23);
    const a = await read([write("nulls.json", JSON.stringify(withNull))], { x: "x", y: "y,lab" });
    expectRows(
      a,
      rows.filter((_, i) => i % 10 !== 3),
    );
    expect(a.droppedRows).toBe(4);
    const b = await read([write("gaps.json", JSON.stringify(cols))], { x: "x", y: "y,lab" });
    expectRows(b, kept);
    expect(b.droppedRows).toBe(2);
  });
  it("array cells are embedding columns, as in JSON Lines", async () => {
    const emb = rows.map((r) => ({ e: [r.x, r.y], lab: r.lab }));
    const r = await read([write("emb.json", JSON.stringify(emb))], { x: "e", y: "lab" });
    expect(r.xColumns.map((c) => c.name)).toEqual(["e[0]", "e[1]"]);
    expect(Array.from(r.sample.x.data)).toEqual(rows.flatMap((w) => [w.x, w.y]));
  });
});

describe("sniffing and layout", () => {
  it("stdin: records and columns are JSON, one object per line stays JSON Lines", async () => {
    for (const name of ["records", "columns"]) {
      const r = await run(["inspect", "-", "--x", "x", "--y", "y", "--json"], { stdin: orient[name]!, cwd: dir });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ n: rows.length, source: { format: "json", orient: name } });
    }
    const jsonl = `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`;
    const l = await run(["inspect", "-", "--x", "x", "--y", "y", "--json"], { stdin: jsonl, cwd: dir });
    expect(JSON.parse(l.out)).toMatchObject({ n: rows.length, source: { format: "jsonl" } });
  });
  it("a .json of lines=True, pretty-printed JSON (indent=2), a BOM and gzip", async () => {
    const jsonl = `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`;
    const l = await read([write("lines.json", jsonl)], { x: "x", y: "y,lab" });
    expectRows(l);
    expect(l.source).toMatchObject({ format: "jsonl" });
    for (const name of ["records", "columns", "split"]) {
      const pretty = JSON.stringify(JSON.parse(orient[name]!), null, 2);
      expectRows(await read([write(`pretty-${name}.json`, pretty)], { x: "x", y: "y,lab" }));
    }
    expectRows(await read([write("bom.json", `\ufeff${orient.records}`)], { x: "x", y: "y,lab" }));
    expectRows(await read([write("z.json.gz", gzipSync(orient.columns!))], { x: "x", y: "y,lab" }));
  });
  it("--format json reads a JSON table under any name", async () => {
    const r = await read([write("records.txt", orient.records!)], { x: "x", y: "y,lab", format: "json" });
    expectRows(r);
  });
});

describe("errors are one line with a code and the place", () => {
  const fail = async (name: string, text: string) => failure(read([write(name, text)], { x: "x", y: "y" }));
  it("malformed JSON names the line and column", async () => {
    const bad = '[{"x":1,"y":2},\n {"x":3,"y":4,}]';
    const e = await fail("bad.json", bad);
    const col = bad.length - bad.lastIndexOf("\n") - 2; // the '}' after the trailing comma
    expect(e).toEqual({
      code: "E_PARSE",
      message: expect.stringContaining(`bad.json: not valid JSON at line 2, column ${col}`),
    });
    const junkText = '[{"x":1,"y":2},{"x":tru}]';
    const junk = await fail("junk.json", junkText);
    expect(junk.code).toBe("E_PARSE");
    const brace = junkText.indexOf("tru}") + 4; // 1-based column of the '}' that cuts 'true' short
    expect(junk.message).toMatch(new RegExp(`junk\\.json: not valid JSON at line 1, column ${brace}: unexpected "}"`));
  });
  it("Python's bare NaN (json.dump of a float nan) gets a hint", async () => {
    const e = await fail("nan.json", '[{"x":1,"y":2},{"x":NaN,"y":3}]');
    expect(e.message).toMatch(
      /nan\.json: not valid JSON at line 1, column 21: unexpected "N" \(NaN and Infinity are not JSON/,
    );
  });
  it("a file cut short, and text after the document", async () => {
    const cut = await fail("cut.json", orient.records!.slice(0, 200));
    expect(cut.code).toBe("E_PARSE");
    expect(cut.message).toMatch(/cut\.json: the JSON ends before its value closes.*cut short/);
    const after = await fail("after.json", `${orient.records}\n[1]`);
    expect(after.message).toMatch(/after\.json: text after the end of the JSON document at line 2, column 1/);
  });
  it("a scalar at top level, records that are not objects, a single record", async () => {
    expect(await fail("n.json", " 42\n")).toEqual({
      code: "E_PARSE",
      message: expect.stringMatching(/\/n\.json: holds a single value \(42\), not a table; a JSON table is/),
    });
    const nums = await fail("nums.json", "[1, 2, 3]");
    expect(nums.message).toMatch(
      /\/nums\.json: element 0 of the top-level array \(line 1, column 2\) is the number 1, not a record/,
    );
    const later = await fail("later.json", '[{"x":1,"y":2},\n"oops"]');
    expect(later.message).toMatch(/element 1 of the top-level array \(line 2, column 1\) is the string "oops"/);
    const one = await fail("one.json", '{\n  "x": 1,\n  "y": 2\n}');
    expect(one.message).toMatch(/\/one\.json: 'x' at line 2, column 3 holds one value, not a column/);
    const ragged = await failure(read([write("ragged.json", "[[1,2],[3]]")], { x: "0", y: "1" }));
    expect(ragged.message).toMatch(
      /element 1 of the top-level array \(line 1, column 8\) has 1 values, but the first has 2/,
    );
    for (const e of [nums, later, one, ragged]) expect(e.message).not.toContain("\n");
  });
  it("a column-oriented table over the size limit is refused with the remedy; records are not", async () => {
    const path = write("limit.json", orient.columns!);
    const input = await openInput(path, { cwd: dir });
    const request = { select: () => [[0], [1]], missing: missingRule(undefined, undefined) };
    const e = await failure(readJsonWithin(input, request, 100));
    expect(e.code).toBe("E_DATA");
    expect(e.message).toMatch(
      /limit\.json: a column-oriented JSON table .* up to 0 MiB.*write orient='records' or lines=True/,
    );
    const records = await openInput(write("limit-records.json", orient.records!), { cwd: dir });
    const ok = await readJsonWithin(records, request, 100);
    expect(ok.rows).toBe(rows.length);
    const cli = await run(["estimate", "bad.json", "--x", "x", "--y", "y"], { cwd: dir });
    expect(cli.code).not.toBe(0);
    expect(
      cli.err
        .trim()
        .split("\n")
        .filter((l) => !l.includes("numeric engine")),
    ).toHaveLength(1);
  });
});
