import { describe, expect, it } from "vitest";
import { tempDir } from "../../../test/helpers/temp-dir.js";
import type { Matrix } from "../../types.js";
import type { SetAsideColumn } from "./clean-group.js";
import { readPairedSample } from "./read-paired-sample.js";
import { type MissingGroup, setAsideScatteredMissing } from "./scattered-missing.js";

/**
 * Missing cells scattered over many columns, none mostly empty, can leave no complete row. The fixtures say which
 * cells they leave empty, so the complete rows each choice leaves are counted here by hand (the oracle).
 */
function group(side: "x" | "y", rows: number, empty: ((r: number) => boolean)[]): MissingGroup {
  const cols = empty.length;
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) data[r * cols + j] = empty[j]!(r) ? Number.NaN : r + j;
  const matrix: Matrix<Float64Array> = { rows, cols, data };
  return { side, matrix, names: empty.map((_, j) => `${side}${j}`) };
}
const never = () => false;
/** Ten columns, column j missing in the rows r with r % 10 === j: every row misses exactly one cell. */
const tenths = Array.from({ length: 10 }, (_, j) => (r: number) => r % 10 === j);

describe("columns whose missing cells together would drop most rows are set aside", () => {
  it("sets aside the columns with the most missing cells until the drop keeps half the rows", () => {
    const setAside: SetAsideColumn[] = [];
    // Columns 0–4 miss one row in 10, columns 5–9 one in 20: 250 complete rows (r % 20 in 15…19). The greedy order
    // takes 0, 1, 2 (100 missing each, column order): 350, 450, then 550 ≥ 500 complete rows.
    const empty = tenths.map((e, j) => (j < 5 ? e : (r: number) => e(r) && r % 20 < 10));
    const keep = setAsideScatteredMissing([group("x", 1000, empty), group("y", 1000, [never])], setAside);
    expect(keep).toEqual([[3, 4, 5, 6, 7, 8, 9], [0]]);
    expect(setAside.map((c) => c.name)).toEqual(["x0", "x1", "x2"]);
    expect(setAside[0]?.reason).toBe(
      "missing in 100 of 1000 rows; the columns' missing cells together left 250 of 1000 rows, 550 once the 3 with the most missing cells were set aside",
    );
  });
  it("changes nothing when the drop keeps half the rows", () => {
    const setAside: SetAsideColumn[] = [];
    const keep = setAsideScatteredMissing([group("x", 1000, tenths.slice(0, 5)), group("y", 1000, [never])], setAside);
    expect(keep).toEqual([[0, 1, 2, 3, 4], [0]]);
    expect(setAside).toEqual([]);
  });
  it("counts half of the rows the target allows, and takes until that is reached", () => {
    // y misses rows 90–99 (a one-column group stays): 90 rows within reach. Rows 45–89 complete: half, nothing to do.
    const y = group("y", 100, [(r) => r >= 90]);
    const setAside: SetAsideColumn[] = [];
    const x = [(r: number) => r < 40, (r: number) => r < 45, (r: number) => r < 5, never];
    expect(setAsideScatteredMissing([group("x", 100, x), y], setAside)).toEqual([[0, 1, 2, 3], [0]]);
    expect(setAside).toEqual([]);
    // x3 also misses rows 45–59: 30 of 90. Greedy: x1 (45 missing) frees 40–44 (35), x0 (40) frees 5–39 (70 ≥ 45).
    const more: SetAsideColumn[] = [];
    const again = setAsideScatteredMissing([group("x", 100, [...x.slice(0, 3), (r) => r >= 45 && r < 60]), y], more);
    expect(again).toEqual([[2, 3], [0]]);
    expect(more.map((c) => c.name)).toEqual(["x1", "x0"]);
  });
  it("puts back a column whose missing rows stay dropped for another column", () => {
    // y misses rows 0–39 (60 within reach); x0 misses the same rows, x1 rows 40–74: 25 complete rows. Greedy takes x0
    // (40 missing, no row gained), then x1 (60 complete); x0 goes back, as its rows are y's.
    const setAside: SetAsideColumn[] = [];
    const keep = setAsideScatteredMissing(
      [group("x", 100, [(r) => r < 40, (r) => r >= 40 && r < 75, never]), group("y", 100, [(r) => r < 40])],
      setAside,
    );
    expect(keep).toEqual([[0, 2], [0]]);
    expect(setAside).toEqual([
      {
        group: "x",
        name: "x1",
        reason:
          "missing in 35 of 100 rows; the columns' missing cells together left 25 of 100 rows, 60 once it was set aside",
      },
    ]);
  });
  it("never sets aside a protected column", () => {
    const setAside: SetAsideColumn[] = [];
    // Protected 0–7 miss 80% of rows; x8 misses 100 of the 200 left: half, nothing to do (were 0–7 not protected,
    // 100 of 1000 would send the greedy to them).
    const x = { ...group("x", 1000, [...tenths.slice(0, 8), tenths[8]!]), protect: (j: number) => j < 8 };
    expect(setAsideScatteredMissing([x, group("y", 1000, [never])], setAside)).toEqual([
      [0, 1, 2, 3, 4, 5, 6, 7, 8],
      [0],
    ]);
    expect(setAside).toEqual([]);
    // A one-column Y missing in 90% of rows is kept (its rows go): x1 misses 90 of the 100 it leaves, and goes.
    const y = group("y", 1000, [(r) => r % 10 !== 0]);
    const only = setAsideScatteredMissing(
      [group("x", 1000, [never, (r) => r % 10 === 0 && r % 100 !== 0]), y],
      setAside,
    );
    expect(only).toEqual([[0], [0]]);
    expect(setAside.map((c) => c.name)).toEqual(["x1"]);
  });
});

describe("a table whose every row misses one cell is read, not refused", () => {
  const { dir, write } = tempDir();
  it("sets aside the columns with the most missing cells, with a warning for each, and drops the other rows", async () => {
    const header = ["a", "b", "c", "d", "y"];
    const lines = Array.from({ length: 400 }, (_, r) =>
      [
        r % 4 === 0 ? "" : String(r % 7),
        r % 4 === 1 ? "" : String(r % 5),
        r % 4 === 2 ? "" : String(r % 3),
        r % 4 === 3 ? "" : String(r % 11),
        String(r % 2),
      ].join(","),
    );
    const f = write("scattered.csv", `${header.join(",")}\n${lines.join("\n")}\n`);
    const r = await readPairedSample({ files: [f], cwd: dir, y: "y" });
    expect(r.setAside.map((c) => c.name)).toEqual(["a", "b"]);
    expect(r.droppedRows).toBe(200);
    expect(r.sample.x.cols).toBe(2);
    expect(r.warnings).toContain(
      "X column 'a' set aside: missing in 100 of 400 rows; the columns' missing cells together left 0 of 400 rows, 200 once the 2 with the most missing cells were set aside",
    );
  });
});
