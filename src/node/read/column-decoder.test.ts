import { describe, expect, it } from "vitest";
import { failure } from "../../../test/helpers/failure.js";
import { tempDir } from "../../../test/helpers/temp-dir.js";
import { type ReadPairedOptions, readPairedSample } from "./read-paired-sample.js";

const { dir, write } = tempDir();
const read = (name: string, text: string, more: Partial<ReadPairedOptions> = {}) =>
  readPairedSample({ files: [write(name, text)], cwd: dir, ...more });

/** A small seeded generator (LCG): the fixture's cells, recorded as written, are the oracle. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `rows` cells of integers from `values` (a column of counts or ratings), `stray` of them the texts `words`. */
function column(rows: number, values: number, stray: number, words: readonly string[], seed: number) {
  const u = rng(seed);
  const numbers = Array.from({ length: rows }, () => Math.floor(u() * values));
  const strayAt = new Set<number>();
  while (strayAt.size < stray) strayAt.add(Math.floor(u() * rows));
  const cells = numbers.map((v, i) => (strayAt.has(i) ? words[i % words.length]! : String(v)));
  const target = numbers.map((v) => v + Math.floor(u() * 30));
  const csv = `count,target\n${cells.map((c, i) => `${c},${target[i]}`).join("\n")}\n`;
  return { numbers, strayAt, target, csv };
}

describe("stray texts in an integer column: the rule of real-valued columns", () => {
  it("counts 0…99 with 20 cells 'unknown' or '-': numeric, their rows dropped, a warning naming the texts", async () => {
    const t = column(1000, 100, 20, ["unknown", "-"], 3);
    const r = await read("int-stray.csv", t.csv, { x: "count", y: "target" });
    const kept = t.numbers.filter((_, i) => !t.strayAt.has(i));
    expect(r.sample.categories).toBeUndefined();
    expect(Array.from(r.sample.x.data)).toEqual(kept);
    expect(Array.from(r.sample.y.data)).toEqual(t.target.filter((_, i) => !t.strayAt.has(i)));
    expect(r.droppedRows).toBe(20);
    expect(r.warnings[0]).toMatch(
      /^column 'count': 20 cells are not numbers \('(unknown|-)', '(unknown|-)'\) where 980 are/,
    );
  });
  it("under --missing error the first stray text is refused with its place", async () => {
    const t = column(300, 100, 5, ["n.a."], 5);
    const first = Math.min(...t.strayAt);
    const e = await failure(read("int-stray-error.csv", t.csv, { x: "count", y: "target", missing: "error" }));
    expect(e).toEqual({
      code: "E_PARSE",
      message: expect.stringContaining(`row ${first + 1} (line ${first + 2}), column 'count': 'n.a.' is not a number`),
    });
  });
  it("ratings 1…5 with a 'refused' level stay categorical, rare or common, and so does a string label", async () => {
    for (const [name, refused] of [
      ["likert-rare.csv", 15],
      ["likert-common.csv", 200],
    ] as const) {
      const t = column(1000, 5, refused, ["refused"], 7);
      const r = await read(
        name,
        t.csv.replaceAll(/^(\d),/gm, (_, d) => `${Number(d) + 1},`),
        {
          x: "count",
          y: "target",
        },
      );
      expect(r.xColumns[0]!.categories).toEqual(["1", "2", "3", "4", "5", "refused"]);
      expect(r.droppedRows).toBe(0);
    }
    // Text labels with numbers among them (a code list: most cells words): the texts are the column, not strays.
    const words = ["north", "south", "east", "west"];
    const t = column(1000, 100, 700, words, 9);
    const r = await read("words.csv", t.csv, { x: "count", y: "target" });
    expect(r.xColumns[0]!.categories?.filter((c) => words.includes(c))).toEqual(["east", "north", "south", "west"]);
    expect(r.droppedRows).toBe(0);
  });
});

describe("missing markers beyond a tenth of a column of numbers", () => {
  it("a third of the cells '#NULL!' (SPSS's missing value in an Excel export): numeric, those rows dropped", async () => {
    const t = column(600, 100, 200, ["#NULL!"], 13);
    const r = await read("spss-null.csv", t.csv, { x: "count", y: "target" });
    expect(r.sample.categories).toBeUndefined();
    expect(Array.from(r.sample.x.data)).toEqual(t.numbers.filter((_, i) => !t.strayAt.has(i)));
    expect(r.droppedRows).toBe(200);
    expect(r.warnings[0]).toMatch(/^column 'count': 200 cells are not numbers \('#NULL!'\) where 400 are/);
  });
  it("three markers ('..', '-', 'unknown') on 40% of the cells: numeric; four words, or markers on most cells, stay labels", async () => {
    const three = column(500, 100, 200, ["..", "-", "unknown"], 17);
    const r = await read("three-markers.csv", three.csv, { x: "count", y: "target" });
    expect(r.sample.categories).toBeUndefined();
    expect(r.droppedRows).toBe(200);
    const four = column(500, 100, 200, ["..", "-", "unknown", "n/k"], 19);
    const r4 = await read("four-words.csv", four.csv, { x: "count", y: "target" });
    expect(r4.xColumns[0]!.categories).toContain("n/k");
    expect(r4.droppedRows).toBe(0);
    const most = column(500, 100, 260, ["#NULL!"], 23);
    const rm = await read("mostly-null.csv", most.csv, { x: "count", y: "target" });
    expect(rm.xColumns[0]!.categories).toContain("#NULL!");
    expect(rm.droppedRows).toBe(0);
  });
});

describe("formatted numbers among plain ones are numbers, not stray texts", () => {
  // Amounts under 1,000 written plain and larger ones with a thousands separator, as f"{v:,}" writes them.
  const values = Array.from({ length: 400 }, (_, i) => (i % 25 === 0 ? 1000 + i * 3 : (i * 37) % 997) + (i % 2) * 0.5);
  const shown = (v: number) => (v >= 1000 ? `"${v.toLocaleString("en-US")}"` : String(v));
  it("integers and reals: every cell read as its number, no row dropped", async () => {
    for (const [name, half] of [
      ["ints.csv", 0],
      ["reals.csv", 1],
    ] as const) {
      const vs = values.map((v, i) => (half === 0 ? Math.floor(v) : v + (i % 3) * 0.25));
      const r = await read(name, `n,y\n${vs.map((v, i) => `${shown(v)},${i % 7}`).join("\n")}\n`, { x: "n", y: "y" });
      expect(Array.from(r.sample.x.data)).toEqual(vs);
      expect(r.droppedRows).toBe(0);
      expect(r.source).toMatchObject({ formattedNumbers: "n" });
    }
  });
  it("with a few stray texts too: those rows dropped, the formatted numbers kept", async () => {
    const cells = values.map((v, i) => (i % 50 === 7 ? "#REF!" : shown(v)));
    const r = await read("stray.csv", `y,n\n${cells.map((c, i) => `${i % 7},${c}`).join("\n")}\n`, { x: "n", y: "y" });
    expect(Array.from(r.sample.x.data)).toEqual(values.filter((_, i) => i % 50 !== 7));
    expect(r.droppedRows).toBe(8);
    expect(r.warnings[0]).toMatch(/^column 'n': 8 cells are not numbers \('#REF!'\) where 392 are/);
  });
});
