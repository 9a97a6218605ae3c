import { describe, expect, it } from "vitest";
import { closeNames, editDistance } from "../../close-names.js";
import { isInfonceError } from "../../errors.js";
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

describe("closeNames", () => {
  it("ranks by Levenshtein distance", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(closeNames("emb_im", ["emb_img", "emb_txt", "id"])[0]).toBe("emb_img");
    expect(closeNames("zzzzzz", ["emb_img"])).toEqual([]);
  });
});
