import { describe, expect, it } from "vitest";
import { tempDir } from "../../../test/helpers/temp-dir.js";
import { type ReadPairedOptions, readPairedSample } from "./read-paired-sample.js";

/**
 * A column whose missing cells would drop rows for a column the estimate cannot use — mostly empty, constant where
 * filled, an identifier — is set aside before the drop, so it costs no rows. Fixtures record which cells they leave
 * empty (the oracle for the counts); the reader is never asked what it should have read.
 */
const { dir, write } = tempDir();
const read = (file: string, more: Partial<ReadPairedOptions> = {}) =>
  readPairedSample({ files: [file], cwd: dir, ...more });

/** 1,000 rows: a, y always filled; each extra column's cell r is empty when `empty(r)` and `cell(r)` otherwise. */
function table(extra: Record<string, { empty: (r: number) => boolean; cell: (r: number) => string }>) {
  const names = ["a", ...Object.keys(extra), "y"];
  const rows = Array.from({ length: 1000 }, (_, r) => {
    const a = ((r * 37) % 101) / 10;
    const more = Object.values(extra).map((c) => (c.empty(r) ? "" : c.cell(r)));
    return [String(a), ...more, String(a + ((r * 13) % 7))].join(",");
  });
  return `${names.join(",")}\n${rows.join("\n")}\n`;
}
const number = (r: number) => String((r * 7919) % 1000);

describe("columns whose missing cells would cost rows for nothing are set aside before the drop", () => {
  it("a column more than half empty is set aside and no row is dropped; at 40% its rows are dropped", async () => {
    const f = write("mostly.csv", table({ notes: { empty: (r) => r % 5 < 3, cell: number } }));
    const r = await read(f, { y: "y" });
    expect(r.droppedRows).toBe(0);
    expect(r.sample.x.cols).toBe(1);
    expect(r.warnings).toContain(
      "X column 'notes' set aside: mostly empty (600 of 1000 cells missing), which would drop most rows",
    );
    const g = write("some.csv", table({ notes: { empty: (r) => r % 5 < 2, cell: number } }));
    const s = await read(g, { y: "y" });
    expect(s.droppedRows).toBe(400);
    expect(s.sample.x.cols).toBe(2);
    expect(s.setAside).toEqual([]);
  });
  it("exactly half empty is not 'mostly': the rows are dropped", async () => {
    const r = await read(write("half.csv", table({ h: { empty: (r) => r % 2 === 0, cell: number } })), { y: "y" });
    expect(r.droppedRows).toBe(500);
    expect(r.sample.x.cols).toBe(2);
  });
  it("a flag filled only where true ('Y' or empty) is constant where filled: set aside, no row dropped", async () => {
    const r = await read(write("flag.csv", table({ member: { empty: (r) => r % 10 < 3, cell: () => "Y" } })), {
      y: "y",
    });
    expect(r.droppedRows).toBe(0);
    expect(r.setAside).toEqual([
      { group: "x", name: "member", reason: "constant ('Y') where not missing (300 of 1000 cells missing)" },
    ]);
  });
  it("an identifier with a few empty cells is set aside without dropping their rows", async () => {
    const r = await read(write("id.csv", table({ name: { empty: (r) => r % 10 === 0, cell: (r) => `person ${r}` } })), {
      y: "y",
    });
    expect(r.droppedRows).toBe(0);
    expect(r.setAside[0]?.reason).toBe(
      "an identifier, not a category (900 distinct labels in 900 rows; 100 of 1000 cells missing)",
    );
  });
  it("a group never loses its last column this way: the least empty one stays and its rows are dropped", async () => {
    const f = write(
      "all.csv",
      table({ p: { empty: (r) => r % 10 < 6, cell: number }, q: { empty: (r) => r % 10 < 7, cell: number } }),
    );
    const r = await read(f, { x: "p,q", y: "y" });
    expect(r.sample.x.cols).toBe(1);
    expect(r.xColumns[0]?.name).toBe("p");
    expect(r.droppedRows).toBe(600);
    expect(r.setAside.map((c) => c.name)).toEqual(["q"]);
    const y = await read(f, { x: "a", y: "q" });
    expect(y.droppedRows).toBe(700);
  });
});
