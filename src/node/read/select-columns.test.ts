import { describe, expect, it } from "vitest";
import { failure } from "../../../test/helpers/failure.js";
import { tempDir } from "../../../test/helpers/temp-dir.js";
import { closeNames, editDistance } from "../../close-names.js";
import { isInfonceError } from "../../errors.js";
import { defaultSelection } from "./default-selection.js";
import { readPairedSample } from "./read-paired-sample.js";
import { type SourceColumn, selectColumns } from "./select-columns.js";

const cols = (names: string[]): SourceColumn[] => names.map((n) => ({ name: n, field: n }));
const table = cols(["x0", "x1", "x2", "x3", "y0", "y1", "label"]);
const emb: SourceColumn[] = [
  ...["emb_img[0]", "emb_img[1]"].map((name) => ({ name, field: "emb_img" })),
  ...["emb_txt[0]", "emb_txt[1]", "emb_txt[2]"].map((name) => ({ name, field: "emb_txt" })),
  { name: "id", field: "id" },
];

function error(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    if (isInfonceError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error("no error thrown");
}

describe("selectColumns", () => {
  it("selects by name, name range, index, index range and glob, in the order written", () => {
    expect(selectColumns("x2,x0", table, "--x")).toEqual([2, 0]);
    expect(selectColumns("x0..x3", table, "--x")).toEqual([0, 1, 2, 3]);
    expect(selectColumns("4..5", table, "--y")).toEqual([4, 5]);
    expect(selectColumns("6", table, "--y")).toEqual([6]);
    expect(selectColumns("y*", table, "--y")).toEqual([4, 5]);
    expect(selectColumns("x?,label", table, "--x")).toEqual([0, 1, 2, 3, 6]);
  });
  it("expands an array field to its elements, by name or glob", () => {
    expect(selectColumns("emb_img", emb, "--x")).toEqual([0, 1]);
    expect(selectColumns("emb_t*", emb, "--y")).toEqual([2, 3, 4]);
    expect(selectColumns("emb_txt[1]", emb, "--y")).toEqual([3]);
  });
  it("selects a name range over 100,000 columns (linear: a Map, not indexOf per name)", () => {
    const wide = cols(Array.from({ length: 100_000 }, (_, j) => `c${j}`));
    const picked = selectColumns("c0..c99999", wide, "--x");
    expect(picked).toHaveLength(100_000);
    expect(picked[99_999]).toBe(99_999);
  });
  it("keeps zero padding in name ranges", () => {
    const padded = cols(["f01", "f02", "f03", "f10"]);
    expect(selectColumns("f01..f03", padded, "--x")).toEqual([0, 1, 2]);
  });
  it("suggests close names for an unknown column (E_UNKNOWN)", () => {
    const e = error(() => selectColumns("lable", table, "data.csv --y"));
    expect(e.code).toBe("E_UNKNOWN");
    expect(e.message).toContain("data.csv --y: no column 'lable'; did you mean 'label'?");
    const r = error(() => selectColumns("x0..x5", table, "--x"));
    expect(r.message).toContain("no column 'x4'");
  });
  it("refuses globs that match nothing, out-of-range indices, backward ranges and repeats", () => {
    expect(error(() => selectColumns("z*", table, "--x")).code).toBe("E_UNKNOWN");
    expect(error(() => selectColumns("9", table, "--x")).message).toContain("7 columns (0..6)");
    expect(error(() => selectColumns("3..9", table, "--x")).code).toBe("E_UNKNOWN");
    expect(error(() => selectColumns("x3..x1", table, "--x")).code).toBe("E_ARG");
    expect(error(() => selectColumns("x0,x0", table, "--x")).message).toContain("selected twice");
    expect(error(() => selectColumns("x0,", table, "--x")).code).toBe("E_ARG");
  });
});

describe("defaultSelection: a pattern on one side leaves out what the other names", () => {
  const titanic = cols(["PassengerId", "Survived", "Pclass", "Name", "Sex", "Age"]);
  it("--x '*' --y Survived is --y Survived; an index range and a name range likewise", () => {
    const rest = defaultSelection(titanic, undefined, "Survived", "t.csv");
    expect(rest).toEqual([[0, 2, 3, 4, 5], [1]]);
    expect(defaultSelection(titanic, "*", "Survived", "t.csv")).toEqual(rest);
    expect(defaultSelection(titanic, "Pclass", "0..3", "t.csv")).toEqual([[2], [0, 1, 3]]);
    expect(defaultSelection(table, "x0..x3,y*", "x2", "t.csv")).toEqual([[0, 1, 3, 4, 5], [2]]);
  });
  it("explicit names on both sides, or patterns on both, keep their overlap (readPairedSample refuses it)", () => {
    expect(defaultSelection(titanic, "Age,Survived", "Survived", "t.csv")).toEqual([[5, 1], [1]]);
    expect(defaultSelection(titanic, "*", "S*", "t.csv")).toEqual([
      [0, 1, 2, 3, 4, 5],
      [1, 4],
    ]);
  });
  it("a pattern skips a pandas index, with the warning; a pattern left with nothing is E_ARG", () => {
    const indexed: SourceColumn[] = [{ name: "0", field: "0", unnamed: true }, ...cols(["a", "b", "y"])];
    const notes: string[] = [];
    expect(defaultSelection(indexed, "*", "y", "i.csv", notes)).toEqual([[1, 2], [3]]);
    expect(notes).toEqual([expect.stringContaining("column '0' left out: a written DataFrame index")]);
    const named: string[] = [];
    expect(defaultSelection(indexed, "0,a", "y", "i.csv", named)).toEqual([[0, 1], [3]]);
    expect(named).toEqual([]);
    const e = error(() => defaultSelection(titanic, "Surv*", "Survived", "t.csv"));
    expect(e).toEqual({ code: "E_ARG", message: expect.stringContaining("t.csv --x 'Surv*' matches only columns") });
  });
});

describe("a side left with no column", () => {
  const { dir, write } = tempDir();
  const read = (file: string, x?: string, y?: string) =>
    readPairedSample({ files: [write(file.split(":")[0]!, file.split(":")[1]!)], cwd: dir, x, y });
  it("names the selector that took every column (it was an internal error in the CSV scan)", async () => {
    expect(await failure(read("one.csv:a\n1\n2\n3\n", undefined, "a"))).toEqual({
      code: "E_ARG",
      message: expect.stringMatching(/one.csv --y 'a' takes every column, so X is empty: name X.s columns with --x$/),
    });
    expect(await failure(read("two.csv:a,b\n1,2\n2,3\n", "a,b"))).toEqual({
      code: "E_ARG",
      message: expect.stringMatching(/two.csv --x 'a,b' takes every column, so Y is empty: name Y.s columns with --y$/),
    });
    expect(await failure(read("ix.csv:,a,b\n0,1,2\n1,2,3\n", undefined, "a,b"))).toEqual({
      code: "E_ARG",
      message: expect.stringContaining("takes every column, besides the pandas index '0', so X is empty"),
    });
  });
  it("a file of one data column is E_DATA, not a suggestion of a column it does not have", async () => {
    expect(await failure(read("lone.csv:a\n1\n2\n3\n"))).toEqual({
      code: "E_DATA",
      message: expect.stringContaining("lone.csv has one data column (a); MI needs an X and a Y column"),
    });
  });
});

describe("unnamed columns after the last named one (lines that end in a delimiter)", () => {
  const { dir, write } = tempDir();
  it("are left out of the two-field default with a warning; named by a selector they are kept", async () => {
    const file = write("t.csv", "a,b,,\n1,2,,\n2,3,,\n3,5,,\n4,4,,\n");
    const r = await readPairedSample({ files: [file], cwd: dir });
    expect(r.xColumns.map((c) => c.name)).toEqual(["a"]);
    expect(Array.from(r.sample.y.data)).toEqual([2, 3, 5, 4]);
    expect(r.warnings).toContainEqual(expect.stringContaining("columns '2', '3' left out: no name in the header"));
    const named = defaultSelection(
      [...cols(["a", "b"]), { name: "2", field: "2", unnamed: true }],
      undefined,
      "b",
      "t.csv",
    );
    expect(named).toEqual([[0, 2], [1]]);
  });
  it("an unnamed column between named ones is no trailing one: the default still asks", () => {
    const middle = [cols(["a"])[0]!, { name: "1", field: "1", unnamed: true }, cols(["b"])[0]!];
    expect(error(() => defaultSelection(middle, undefined, undefined, "m.csv"))).toEqual({
      code: "E_ARG",
      message: expect.stringContaining("m.csv has 3 fields (a, 1, b); say which are X and Y"),
    });
  });
});

describe("--x '*' --y name through the reader", () => {
  const { dir, write } = tempDir();
  const file = write("t.csv", "a,s,b\n1,0,0.5\n2,1,0.25\n3,1,4\n4,0,2\n");
  const read = (x: string, y: string) => readPairedSample({ files: [file], cwd: dir, x, y });
  it("reads X as the rest; explicit names on both sides are still refused", async () => {
    const r = await read("*", "s");
    expect(r.xColumns.map((c) => c.name)).toEqual(["a", "b"]);
    expect(Array.from(r.sample.y.data)).toEqual([0, 1, 1, 0]);
    expect(await failure(read("a,s", "s"))).toEqual({
      code: "E_ARG",
      message: expect.stringContaining("column 's' is selected for both X and Y"),
    });
  });
});

describe("closeNames", () => {
  it("ranks by Levenshtein distance", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(closeNames("emb_im", ["emb_img", "emb_txt", "id"])[0]).toBe("emb_img");
    expect(closeNames("zzzzzz", ["emb_img"])).toEqual([]);
  });
});
