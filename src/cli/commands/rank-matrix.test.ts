import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rankFixture } from "../../../test/fixtures/many/load.js";
import { runBin } from "../../../test/helpers/run-bin.js";
import { run } from "../../../test/helpers/run-cli.js";
import { tempDir } from "../../../test/helpers/temp-dir.js";
import { createRng } from "../../math/rng.js";

const tmp = tempDir();

/** A seeded table: 9 columns, some dependent, one categorical (integer codes). */
function smallTable(n: number): string {
  const rng = createRng(5);
  const lines = ["a,b,c,d,e,f,g,h,cat"];
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = a + rng.normal();
    const c = Math.sin(2 * b) + 0.3 * rng.normal();
    const cat = rng.int(3);
    const vals = [a, b, c, rng.normal(), rng.normal() + cat, rng.normal(), rng.normal(), rng.normal(), cat];
    lines.push(vals.join(","));
  }
  return `${lines.join("\n")}\n`;
}

const table = tmp.write("small.csv", smallTable(400));

describe("infonce rank", () => {
  it("prints the ranking; JSON has target and features with name, estimate, ci95, estimator", async () => {
    const r = await run([
      "rank",
      rankFixture.csv,
      "--target",
      "y",
      "--estimator",
      "ksg",
      "--k",
      "3",
      "--json",
      "--quiet",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.target).toBe("y");
    expect(j.features).toHaveLength(8);
    for (const f of j.features) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(["name", "estimate", "ci95", "estimator"]));
      expect(Math.abs(Math.max(0, f.estimate) - (rankFixture.sklearn.features[f.name] as number))).toBeLessThan(0.01);
    }
  });

  it("bad input is one line with its code, with or without --quiet, and no output file is left (rank and matrix)", async () => {
    const na = tmp.write("na2.csv", "a,b,k\n1,2,5\n2,1,5\nNA,5,7\n4,3,5\n5,4,5\n6,0,5\n");
    const constant = tmp.write("const.csv", "a,b,k\n1,2,5\n2,1,5\n3,5,5\n4,3,5\n5,4,5\n6,0,5\n");
    const outs = ["bad.json", "bad.csv", "bad.svg"].map((f) => join(tmp.dir, f));
    const files = ["--out", outs[0] as string, "--csv", outs[1] as string, "--plot", outs[2] as string];
    const cases: { args: string[]; code: number; message: RegExp }[] = [
      // A constant feature is set aside (see the next test); a constant target, or nothing left, is refused.
      {
        args: ["rank", na, "--target", "k", "--out", outs[0] as string],
        code: 8,
        message: /^infonce: column 'k' is constant .*\(1 of 6 rows dropped for missing cells/,
      },
      {
        args: ["rank", constant, "--target", "k", "--estimator", "ksg", "--quiet"],
        code: 8,
        message: /column 'k' is constant/,
      },
      {
        args: ["rank", na, "--target", "a", "--x", "k", "--estimator", "ksg", "--out", outs[0] as string, "--quiet"],
        code: 8,
        message:
          /no feature left to rank \(1 of 6 rows dropped for missing cells .*; column 'k' set aside: constant \(5\)\)/,
      },
      { args: ["rank", table, "--target", "nope", "--out", outs[0] as string], code: 3, message: /no column 'nope'/ },
      {
        args: ["rank", table, "--target", "bb", "--out", outs[0] as string],
        code: 3,
        message: /no column 'bb'; did you mean 'b'/,
      },
      {
        args: ["matrix", table, "--queue", "redis://127.0.0.1:1", ...files],
        code: 4,
        message: /redis:\/\/127\.0\.0\.1:1: Redis does not answer/,
      },
    ];
    for (const c of cases) {
      const r = await run(c.args);
      expect(r.code, c.args.join(" ")).toBe(c.code);
      expect(r.err.trim().split("\n"), r.err).toHaveLength(1);
      expect(r.err).toMatch(c.message);
      for (const f of outs) expect(existsSync(f), f).toBe(false);
      expect(readdirSync(tmp.dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    }
  });
});

describe("a constant column is set aside with a warning, not a refusal of the table (rank and matrix)", () => {
  it("constant once the row with a missing cell is dropped, and constant outright", async () => {
    const na = tmp.write("na3.csv", "a,b,k\n1,2,5\n2,1,5\nNA,5,7\n4,3,5\n5,4,5\n6,0,5\n");
    const constant = tmp.write("const3.csv", "a,b,k\n1,2,5\n2,1,5\n3,5,5\n4,3,5\n5,4,5\n6,0,5\n");
    for (const args of [
      ["matrix", na, "--estimator", "ksg", "--k", "2"],
      ["rank", na, "--target", "a", "--estimator", "ksg", "--k", "2"],
      ["rank", constant, "--target", "a", "--estimator", "ksg", "--k", "2"],
    ]) {
      const r = await run([...args, "--json"]);
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.err).toContain("infonce: warning: column 'k' set aside: constant (5)");
      const j = JSON.parse(r.out);
      expect(j.warnings).toContain("column 'k' set aside: constant (5)");
      if (args[0] === "rank") expect(j.features.map((f: { name: string }) => f.name)).toEqual(["b"]);
      else expect(j.columns).toEqual(["a", "b"]);
    }
  });
});

describe("--shard i/N + merge gives the single-process result bit for bit", () => {
  for (const cmd of ["rank", "matrix"] as const) {
    it(cmd, async () => {
      const extra = cmd === "rank" ? ["--target", "c"] : ["--normalize", "ic"];
      const single = await run([cmd, table, ...extra, "--json", "--quiet", "--replicates", "4"]);
      expect(single.code).toBe(0);
      const parts: string[] = [];
      for (let i = 0; i < 4; i++) {
        const p = join(tmp.dir, `${cmd}-part-${i}.json`);
        const r = await run([cmd, table, ...extra, "--shard", `${i}/4`, "--out", p, "--quiet", "--replicates", "4"]);
        expect(r.code).toBe(0);
        parts.push(p);
      }
      const merged = await run(["merge", ...[...parts].reverse(), "--json"]);
      expect(merged.code).toBe(0);
      expect(merged.out).toBe(single.out);
      const missing = await run(["merge", ...parts.slice(1)]);
      if (cmd === "matrix") {
        expect(missing.code).toBe(8);
        expect(missing.err).toMatch(/missing; run the shard/);
      }
    });
  }
});

describe("infonce matrix", () => {
  it("writes a symmetric matrix with intervals, CSV pairs and a heatmap; the threads give the same doubles", async () => {
    const csv = join(tmp.dir, "pairs.csv");
    const svg = join(tmp.dir, "heat.svg");
    const r = runBin(["matrix", table, "--json", "--quiet", "--csv", csv, "--plot", svg, "--threads", "2"]);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.out);
    expect(m.columns).toHaveLength(9);
    for (let i = 0; i < 9; i++) {
      expect(m.mi[i][i]).toBeNull();
      for (let j = 0; j < 9; j++) if (i !== j) expect(m.mi[i][j]).toBe(m.mi[j][i]);
    }
    const ia = m.columns.indexOf("a");
    const ib = m.columns.indexOf("b");
    expect(m.mi[ia][ib]).toBeGreaterThan(0.2);
    expect(m.ci95Low[ia][ib]).toBeLessThan(m.mi[ia][ib]);
    expect(readFileSync(csv, "utf8").trim().split("\n")).toHaveLength(1 + 36);
    expect(readFileSync(svg, "utf8")).toMatch(/^<svg/);
    const one = runBin(["matrix", table, "--json", "--quiet", "--threads", "1"]);
    expect(one.out).toBe(r.out);
  });

  it("min-entropy refuses continuous columns; ic maps MI into [0, 1)", async () => {
    const bad = await run(["matrix", table, "--normalize", "min-entropy", "--quiet"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/use --normalize ic/);
    const ic = await run(["matrix", table, "--columns", "a,b,c", "--normalize", "ic", "--json", "--quiet"]);
    const m = JSON.parse(ic.out);
    expect(m.normalized[0][1]).toBeCloseTo(Math.sqrt(1 - Math.exp(-2 * Math.max(0, m.mi[0][1]))), 12);
  });
});

describe("infonce estimate --z (conditional MI)", () => {
  it("gives I(X;Y|Z) with conditionedOn; a missing --y or an unknown conditional estimator is one line with a code", async () => {
    const r = await run([
      "estimate",
      table,
      "--x",
      "a",
      "--y",
      "c",
      "--z",
      "b",
      "--json",
      "--quiet",
      "--set",
      "replicates=4",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.conditionedOn).toEqual(["b"]);
    expect(j.settings.choice).toBe("ksg-cmi");
    // c depends on a only through b: the conditional MI is near 0 while I(a; c) is not.
    expect(Math.abs(j.estimate)).toBeLessThan(0.05);
    const noY = await run(["estimate", table, "--x", "a", "--z", "b"]);
    expect(noY.code).toBe(2);
    expect(noY.err.trim().split("\n")).toHaveLength(1);
    const bad = await run(["estimate", table, "--x", "a", "--y", "c", "--z", "b", "--estimator", "infonce"]);
    expect(bad.code).toBe(3);
    expect(bad.err).toMatch(/no conditional form/);
  });
});
