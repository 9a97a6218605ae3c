import { describe, expect, it } from "vitest";
import { tempDir } from "../../../test/helpers/temp-dir.js";
import type { SetAsideColumn } from "./clean-group.js";
import { readPairedSample } from "./read-paired-sample.js";
import { MAX_TARGET_VALUES, type MaskingGroup, MIN_MASKED_ROWS, setAsideTargetMasking } from "./target-masking.js";

/**
 * A column missing on every row where the target has some value is not applicable there: set aside rather than
 * allowed to remove that value from the table. Fixtures say which cells they leave empty (the oracle).
 */
function group(
  side: "x" | "y",
  columns: ((r: number) => number)[],
  rows: number,
  labels: (readonly string[] | undefined)[] = [],
): MaskingGroup {
  const cols = columns.length;
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) data[r * cols + j] = columns[j]!(r);
  return { side, matrix: { rows, cols, data }, names: columns.map((_, j) => `${side}${j}`), labels };
}
const body = (r: number) => (r < 100 ? 0 : r < 120 ? 1 : 2); // 100 'house', 20 'governor', 30 'senate'
const labels = [["house", "governor", "senate"]];

describe("setAsideTargetMasking", () => {
  it("sets aside a column missing on every row of a target's value, naming the value", () => {
    const setAside: SetAsideColumn[] = [];
    // x1 is missing for every governor and senator and for 5 house rows; x2 for 10 scattered rows.
    const x = group(
      "x",
      [(r) => r, (r) => (r >= 100 || r < 5 ? Number.NaN : r), (r) => (r % 15 === 0 ? Number.NaN : 1)],
      150,
    );
    const keep = setAsideTargetMasking([x, group("y", [body], 150, labels)], setAside);
    expect(keep).toEqual([[0, 2], [0]]);
    expect(setAside).toEqual([
      {
        group: "x",
        name: "x1",
        reason:
          "missing in 55 of 150 rows, among them every row where 'y0' is 'governor' or 'senate': dropping them would remove that from the table (not applicable there, not missing at random)",
      },
    ]);
  });
  it(`keeps a column that misses a value held by fewer than ${MIN_MASKED_ROWS} rows (chance, not structure)`, () => {
    const setAside: SetAsideColumn[] = [];
    const y = (r: number) => (r < MIN_MASKED_ROWS - 1 ? 1 : 0);
    const x = group("x", [(r) => r, (r) => (r < MIN_MASKED_ROWS - 1 ? Number.NaN : r)], 100);
    expect(setAsideTargetMasking([x, group("y", [y], 100)], setAside)).toEqual([[0, 1], [0]]);
    expect(setAside).toEqual([]);
  });
  it("reads a numeric target's repeated values: a time missing wherever the count is 0", () => {
    const setAside: SetAsideColumn[] = [];
    const count = (r: number) => (r % 3 === 0 ? 0 : 1 + (r % 7));
    const x = group("x", [(r) => r % 5, (r) => (r % 3 === 0 ? Number.NaN : r / 10)], 90);
    expect(setAsideTargetMasking([x, group("y", [count], 90)], setAside)).toEqual([[0], [0]]);
    expect(setAside[0]?.reason).toContain("every row where 'y0' is 0:");
  });
  it(`leaves a target of more than ${MAX_TARGET_VALUES} distinct values unread (memory), even with a masked value`, () => {
    // 20 rows at 0, where x1 is missing, then one distinct value a row: masked, but the target is too varied to read.
    const n = MAX_TARGET_VALUES + 21;
    const y = (r: number) => (r < 20 ? 0 : r);
    const x = group("x", [(r) => r, (r) => (r < 20 ? Number.NaN : r)], n);
    const setAside: SetAsideColumn[] = [];
    expect(setAsideTargetMasking([x, group("y", [y], n)], setAside)).toEqual([[0, 1], [0]]);
    // Two rows fewer, MAX_TARGET_VALUES distinct values in all, and the rule reads it: x1 goes.
    const m = n - 2;
    expect(
      setAsideTargetMasking(
        [group("x", [(r) => r, (r) => (r < 20 ? Number.NaN : r)], m), group("y", [y], m)],
        setAside,
      ),
    ).toEqual([[0], [0]]);
  });
  it("never sets aside a protected column or a group's last one", () => {
    const setAside: SetAsideColumn[] = [];
    const masked = (r: number) => (r >= 100 ? Number.NaN : r);
    const x = { ...group("x", [(r) => r, masked], 150), protect: (j: number) => j === 1 };
    expect(setAsideTargetMasking([x, group("y", [body], 150, labels)], setAside)).toEqual([[0, 1], [0]]);
    expect(setAsideTargetMasking([group("x", [masked], 150), group("y", [body], 150, labels)], setAside)).toEqual([
      [0],
      [0],
    ]);
    expect(setAside).toEqual([]);
  });
});

describe("a label whose values a column is not applicable to is read whole", () => {
  const { dir, write } = tempDir();
  it("keeps every governor and senator when the district is empty for them (the label was left constant and refused)", async () => {
    const lines = ["district,votes,body"];
    for (let r = 0; r < 150; r++) {
      const b = ["house", "governor", "senate"][body(r)]!;
      lines.push(`${r >= 100 ? "" : r % 9},${(r * 37) % 101},${b}`);
    }
    const f = write("candidates.csv", `${lines.join("\n")}\n`);
    const r = await readPairedSample({ files: [f], cwd: dir, y: "body" });
    expect(r.droppedRows).toBe(0);
    expect(r.sample.y.rows).toBe(150);
    expect(r.setAside.map((c) => c.name)).toEqual(["district"]);
    expect(r.warnings).toContain(
      "X column 'district' set aside: missing in 50 of 150 rows, among them every row where 'body' is 'governor' or 'senate': dropping them would remove that from the table (not applicable there, not missing at random)",
    );
  });
});
