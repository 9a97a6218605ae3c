import { describe, expect, it } from "vitest";
import { run } from "../../../test/helpers/run-cli.js";
import { tempDir } from "../../../test/helpers/temp-dir.js";
import { readColumnTable } from "./read-column-table.js";

/**
 * rank and matrix read one table of single-column variables; a column they cannot use is set aside with a warning,
 * by the rule `estimate` applies to a group, instead of refusing the table, failing inside an estimator, or costing
 * the rows of its missing cells. The fixture records what it wrote (the oracle for the counts).
 */
const { dir, write } = tempDir();

/** 600 rows: target t, a feature a = t + noise, a constant k, a name column id, and notes 70% empty. */
function table(): { csv: string; emptyNotes: number; aValues: number[] } {
  const lines = ["t,a,k,id,notes"];
  let emptyNotes = 0;
  const aValues: number[] = [];
  for (let r = 0; r < 600; r++) {
    const t = r % 4;
    const a = t + ((r * 7919) % 10) / 10;
    aValues.push(a);
    const empty = r % 10 < 7;
    if (empty) emptyNotes++;
    lines.push(`${t},${a},5,person ${r},${empty ? "" : (r * 31) % 17}`);
  }
  return { csv: `${lines.join("\n")}\n`, emptyNotes, aValues };
}

describe("rank and matrix set aside the columns they cannot use", () => {
  const t = table();
  const file = write("people.csv", t.csv);
  it("readColumnTable: mostly empty before the drop, constant and identifier after; protected columns stay", async () => {
    const r = await readColumnTable({
      file,
      cwd: dir,
      select: (c) => c.map((_, i) => i),
      setAside: { protect: (n) => n === "t" },
    });
    expect(r.table.names).toEqual(["t", "a"]);
    expect(r.table.rows).toBe(600);
    expect(Array.from(r.table.columns[1]!)).toEqual(t.aValues);
    expect(r.warnings).toEqual([
      `column 'notes' set aside: mostly empty (${t.emptyNotes} of 600 cells missing), which would drop most rows`,
      "column 'k' set aside: constant (5)",
      "column 'id' set aside: an identifier, not a category (600 distinct labels in 600 rows)",
    ]);
    const all = await readColumnTable({ file, cwd: dir, select: (c) => c.map((_, i) => i) });
    expect(all.table.names).toEqual(["t", "a", "k", "id", "notes"]);
    expect(all.table.rows).toBe(600 - t.emptyNotes);
  });
  it("rank ranks what is left, with the warnings; nothing left is a one-line E_DATA", async () => {
    const r = await run(["rank", file, "--target", "t", "--estimator", "ksg", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.features.map((f: { name: string }) => f.name)).toEqual(["a"]);
    expect(j.warnings).toContain(
      "column 'id' set aside: an identifier, not a category (600 distinct labels in 600 rows)",
    );
    expect(r.err).toContain("column 'k' set aside: constant (5)");
    const none = await run(["rank", file, "--target", "t", "--x", "k,id", "--quiet"]);
    expect(none.code).toBe(8);
    expect(none.err).toBe(
      `infonce: ${file}: no feature left to rank (column 'k' set aside: constant (5); column 'id' set aside: an identifier, not a category (600 distinct labels in 600 rows)); select other columns with --x\n`,
    );
  });
  it("readColumnTable: columns whose missing cells together leave no complete row go, the most missing first", async () => {
    // Every row misses one of a, b, c (a in half the rows, b and c in a quarter each); t is the protected target.
    const lines = ["t,a,b,c"];
    for (let r = 0; r < 600; r++) {
      const m = r % 4;
      lines.push([r % 3, m < 2 ? "" : r % 7, m === 2 ? "" : r % 5, m === 3 ? "" : r % 11].join(","));
    }
    const f = write("scattered.csv", `${lines.join("\n")}\n`);
    const r = await readColumnTable({
      file: f,
      cwd: dir,
      select: (c) => c.map((_, i) => i),
      setAside: { protect: (n) => n === "t" },
    });
    expect(r.table.names).toEqual(["t", "b", "c"]);
    expect(r.table.rows).toBe(300);
    expect(r.warnings).toContain(
      "column 'a' set aside: missing in 300 of 600 rows; the columns' missing cells together left 0 of 600 rows, 300 once it was set aside",
    );
  });
  it("readColumnTable: a feature missing on every row of one of the target's values goes, not the value", async () => {
    // t is 0, 1 or 2; 'wait' is empty wherever t is 2 (40 rows), 'a' is always there.
    const lines = ["t,a,wait"];
    for (let r = 0; r < 120; r++) lines.push([r % 3, (r * 7) % 11, r % 3 === 2 ? "" : r % 13].join(","));
    const f = write("masked.csv", `${lines.join("\n")}\n`);
    const r = await readColumnTable({
      file: f,
      cwd: dir,
      select: (c) => c.map((_, i) => i),
      setAside: { protect: (n) => n === "t" },
    });
    expect(r.table.names).toEqual(["t", "a"]);
    expect(r.table.rows).toBe(120);
    expect(r.warnings).toContain(
      "column 'wait' set aside: missing in 40 of 120 rows, among them every row where 't' is 2: dropping them would remove that from the table (not applicable there, not missing at random)",
    );
  });
  it("matrix runs on the usable columns instead of refusing the constant one", async () => {
    const r = await run(["matrix", file, "--estimator", "ksg", "--json", "--quiet"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.columns).toEqual(["t", "a"]);
    expect(j.warnings).toContain("column 'k' set aside: constant (5)");
  });
  it("a written pandas index is not a feature of rank or a column of matrix (it ranked first on sorted tables)", async () => {
    // Sorted by class, as iris is: the row number predicts the label.
    const lines = [",a,t"];
    for (let r = 0; r < 300; r++) lines.push(`${r},${((r * 7919) % 100) / 10},${Math.floor(r / 100)}`);
    const f = write("indexed.csv", `${lines.join("\n")}\n`);
    const note = "column '0' left out: a written DataFrame index (a row number), not data; select it by name with";
    const r = await run(["rank", f, "--target", "t", "--estimator", "ksg", "--json", "--quiet"]);
    const j = JSON.parse(r.out);
    expect(j.features.map((x: { name: string }) => x.name)).toEqual(["a"]);
    expect(j.warnings).toEqual([`${note} --x to use it`]);
    const m = JSON.parse((await run(["matrix", f, "--estimator", "ksg", "--json", "--quiet"])).out);
    expect(m.columns).toEqual(["a", "t"]);
    expect(m.warnings).toContain(`${note} --columns to use it`);
    const named = JSON.parse(
      (await run(["rank", f, "--target", "t", "--x", "0,a", "--estimator", "ksg", "--json", "--quiet"])).out,
    );
    expect(named.features.map((x: { name: string }) => x.name).sort()).toEqual(["0", "a"]);
  });
});
