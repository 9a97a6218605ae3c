import { describe, expect, it } from "vitest";
import { runBin } from "../../test/helpers/run-bin.js";
import { run } from "../../test/helpers/run-cli.js";
import { tempDir } from "../../test/helpers/temp-dir.js";
import { EXIT_CODES } from "./exit-codes.js";

/**
 * Every kind of bad input gives one line on stderr naming the file, the row/column and the fix, a distinct
 * exit code, and no stack trace — checked in-process (injected argv) and as a real process (exit status).
 */
const { dir, write } = tempDir();
write("ok.csv", "x0,x1,y\n1,2,3\n4,5,7\n8,9,9\n2,2,1\n");
write("empty.csv", "");
write("ragged.csv", "x,y\n1,2\n3\n4,5\n");
write("text.csv", `x,y\n${Array.from({ length: 20 }, (_, i) => `${i},${i / 4}`).join("\n")}\n3,abc\n`);
write("nan.csv", "x,y\n1,2\n3,NaN\n");
write("inf.csv", "x,y\n1,2\n3,inf\n");
write("x3.csv", "a\n1\n2\n3\n");
write("y2.csv", "b\n1\n2\n");
write("const.csv", "x,y\n1,5\n2,5\n3,5\n");
write("dup.csv", "x0,x1,x2,y\n1,7,1,0\n2,8,2,1\n3,9,3,0\n");

interface Case {
  readonly name: string;
  readonly argv: string[];
  readonly code: number;
  readonly message: RegExp;
}

const CASES: Case[] = [
  { name: "missing file", argv: ["inspect", "nope.csv"], code: EXIT_CODES.E_IO, message: /nope\.csv: no such file/ },
  {
    name: "empty file",
    argv: ["inspect", "empty.csv"],
    code: EXIT_CODES.E_DATA,
    message: /empty\.csv: the file is empty/,
  },
  {
    name: "ragged rows",
    argv: ["inspect", "ragged.csv"],
    code: EXIT_CODES.E_PARSE,
    message: /ragged\.csv: row 2 \(line 3\) has 1 fields but the header has 2/,
  },
  {
    name: "stray text in a real-valued column",
    argv: ["inspect", "text.csv", "--missing", "error"],
    code: EXIT_CODES.E_PARSE,
    message: /text\.csv: row 21 \(line 22\), column 'y': 'abc' is not a number, but 95\.2% .*--na-values/,
  },
  {
    name: "NaN cell under --missing error",
    argv: ["inspect", "nan.csv", "--missing", "error"],
    code: EXIT_CODES.E_VALUE,
    message: /row 2 \(line 3\), column 'y': 'NaN' \(missing value\); impute it, or drop such rows with --missing drop/,
  },
  {
    name: "too few rows left after dropping missing cells",
    argv: ["inspect", "nan.csv"],
    code: EXIT_CODES.E_DATA,
    message:
      /nan\.csv: 1 rows left after dropping 1 of 2 with missing cells \('y' \(1\)\), fewer than the 2 needed; impute/,
  },
  {
    name: "bad --missing",
    argv: ["inspect", "ok.csv", "--missing", "skip"],
    code: EXIT_CODES.E_ARG,
    message: /--missing must be one of drop, error, got 'skip'/,
  },
  {
    name: "Inf cell",
    argv: ["inspect", "inf.csv"],
    code: EXIT_CODES.E_VALUE,
    message: /column 'y': 'inf' is infinite/,
  },
  {
    name: "X and Y with different row counts",
    argv: ["inspect", "x3.csv", "y2.csv"],
    code: EXIT_CODES.E_SHAPE,
    message: /X \(x3\.csv\) has 3 rows but Y \(y2\.csv\) has 2; rows must pair up/,
  },
  {
    name: "a group left with only a constant column",
    argv: ["inspect", "const.csv"],
    code: EXIT_CODES.E_DATA,
    message: /no usable Y column: 'y' is constant \(5\)/,
  },
  {
    name: "unknown column name",
    argv: ["inspect", "ok.csv", "--x", "x0,x2", "--y", "y"],
    code: EXIT_CODES.E_UNKNOWN,
    message: /no column 'x2'; did you mean 'x0' or 'x1'\?/,
  },
  {
    name: "fewer rows than the batch",
    argv: ["loss", "ok.csv", "--x", "x0", "--y", "y", "--batch", "256"],
    code: EXIT_CODES.E_DATA,
    message: /ok\.csv: 4 rows, fewer than the 256 needed for --batch 256; give more rows or lower --batch/,
  },
  {
    name: "unknown task",
    argv: ["sample", "gausian-2d"],
    code: EXIT_CODES.E_UNKNOWN,
    message: /unknown task 'gausian-2d'/,
  },
  {
    name: "unknown estimator",
    argv: ["estimate", "ok.csv", "--estimator", "no-such-estimator"],
    code: EXIT_CODES.E_UNKNOWN,
    message: /unknown estimator 'no-such-estimator'/,
  },
  {
    name: "unwritable output path (missing folder)",
    argv: ["estimate", "ok.csv", "--out", "no/such/folder/r.json"],
    code: EXIT_CODES.E_IO,
    message: /--out no\/such\/folder\/r\.json: the folder .* does not exist/,
  },
  {
    name: "unwritable output path (a file where a folder should be)",
    argv: ["estimate", "ok.csv", "--report", "ok.csv/r.html"],
    code: EXIT_CODES.E_IO,
    message: /--report ok\.csv\/r\.html: .*ok\.csv is not a folder/,
  },
  {
    name: "bad plot extension",
    argv: ["estimate", "ok.csv", "--plot", "p.pdf"],
    code: EXIT_CODES.E_ARG,
    message: /give a \.svg, \.png or \.json/,
  },
  {
    name: "unknown flag",
    argv: ["inspect", "ok.csv", "--delimeter", ","],
    code: EXIT_CODES.E_USAGE,
    message: /unknown flag '--delimeter'; did you mean --delimiter\?/,
  },
  {
    name: "bad seed",
    argv: ["estimate", "ok.csv", "--seed", "-3"],
    code: EXIT_CODES.E_ARG,
    message: /--seed must be an integer in 0\.\.4294967295, got '-3'/,
  },
  {
    name: "bad format",
    argv: ["inspect", "ok.csv", "--format", "xls"],
    code: EXIT_CODES.E_ARG,
    message: /--format must be one of csv, npy, parquet, jsonl/,
  },
];

describe("bad input: one line, a distinct exit code, no stack trace", () => {
  for (const c of CASES) {
    it(`${c.name} (in-process)`, async () => {
      const r = await run(c.argv, { cwd: dir });
      expect(r.err).toMatch(c.message);
      expect(r.code).toBe(c.code);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.out).toBe("");
    });
  }
  // One real process per case, in sequence: on a loaded machine this passes 60 s, so it gets a longer limit.
  it("exit codes are the same from a real process", { timeout: 240_000 }, () => {
    for (const c of CASES) {
      const r = runBin(c.argv, { cwd: dir });
      expect({ name: c.name, code: r.code, oneLine: r.err.trim().split("\n").length }).toEqual({
        name: c.name,
        code: c.code,
        oneLine: 1,
      });
      expect(r.err).toMatch(c.message);
    }
  });
  it("kinds of failure have distinct codes", () => {
    const codes = ["E_IO", "E_DATA", "E_PARSE", "E_VALUE", "E_SHAPE", "E_UNKNOWN", "E_ARG"] as const;
    expect(new Set(codes.map((k) => EXIT_CODES[k])).size).toBe(codes.length);
  });
  it("a constant or duplicated column beside others is a warning, not an error", async () => {
    const r = await run(["inspect", "dup.csv"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.out).toContain("warning: X column 'x2' set aside: duplicate of 'x0'");
    const c = await run(["inspect", "const.csv", "--x", "x", "--y", "x,y"], { cwd: dir });
    expect(c.code).toBe(EXIT_CODES.E_ARG); // x in both groups
  });
  it("reads stdin as '-' in a real process", () => {
    const r = runBin(["inspect", "-", "--json"], { cwd: dir, input: "x,y\n1,2\n2,3\n3,5\n" });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ n: 3, columns: [{ name: "x" }, { name: "y" }] });
  });
});
