import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../../test/helpers/run-cli.js";
import { tempDir } from "../../../test/helpers/temp-dir.js";

const { dir } = tempDir();
const SWEEP = ["--tasks", "1v1-normal-0.75,gaussian-1d-0.1nats", "--estimators", "gaussian,ksg", "--seeds", "2"];

// Timings are each process's own: everything else must match the single-process sweep.
function withoutTimes(json: string): unknown {
  return JSON.parse(json, (k, v) => (k === "seconds" || k === "meanSeconds" ? 0 : v));
}

async function parts(n: string, count: number, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const p = join(dir, `${prefix}-${i}.json`);
    const r = await run(["bench", ...SWEEP, "--n", n, "--shard", `${i}/${count}`, "--out", p]);
    expect(r.code, r.err).toBe(0);
    out.push(p);
  }
  return out;
}

describe("infonce bench --shard i/N + merge", () => {
  it("gives the rows of the single-process sweep, in its order, apart from the timings", async () => {
    const whole = await run(["bench", ...SWEEP, "--n", "200", "--json"]);
    expect(whole.code, whole.err).toBe(0);
    const ps = await parts("200", 3, "a");
    // A shard holds runs k ≡ i (mod 3) of the 8.
    expect(JSON.parse(readFileSync(ps[2] as string, "utf8")).result.rows).toHaveLength(2);
    const merged = await run(["merge", ...[...ps].reverse(), "--json"]);
    expect(merged.code, merged.err).toBe(0);
    expect(merged.err).toMatch(/seconds is its shard's own timing/);
    expect(JSON.parse(merged.out).rows).toHaveLength(8);
    expect(withoutTimes(merged.out)).toEqual(withoutTimes(whole.out));
    const md = await run(["merge", ...ps]);
    expect(md.out).toMatch(/infonce bench --estimators 'gaussian,ksg' --tasks 1v1-normal-0.75,gaussian-1d-0.1nats/);
    expect(md.out).toMatch(/\| ksg/);
  });

  it("refuses a missing or repeated shard, parts of another sweep and a bad --shard, each in one line", async () => {
    const ps = await parts("200", 3, "b");
    const other = await parts("300", 3, "c");
    const cases: [string[], RegExp][] = [
      [["merge", ps[0] as string, ps[1] as string], /shard 2\/3 missing/],
      [["merge", ...ps, ps[1] as string], /shard 1\/3 is given twice/],
      [["merge", ps[0] as string, ps[1] as string, other[2] as string], /another sweep/],
      [["bench", ...SWEEP, "--shard", "3/3", "--out", join(dir, "x.json")], /--shard must be i\/N/],
      [["bench", ...SWEEP, "--shard", "one/2", "--out", join(dir, "x.json")], /--shard must be i\/N/],
      [["bench", ...SWEEP, "--shard", "0/2"], /give --out FILE\.json/],
      [["merge", ...ps, "--plot", join(dir, "x.svg")], /--csv and --plot are for rank and matrix/],
    ];
    for (const [argv, pattern] of cases) {
      const r = await run(argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.err).toMatch(pattern);
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
  });

  it("a part cut short is E_PARSE naming the file and the shard to re-run, in one line", async () => {
    const ps = await parts("200", 3, "d");
    const text = readFileSync(ps[1] as string, "utf8");
    const torn = join(dir, "torn.json");
    writeFileSync(torn, text.slice(0, Math.floor(text.length / 2)));
    // Cut where the JSON still parses: a row missing from the end of the rows.
    const short = join(dir, "short.json");
    const part = JSON.parse(text);
    part.result.rows.pop();
    writeFileSync(short, JSON.stringify(part));
    for (const [file, pattern] of [
      [torn, /torn\.json: not complete JSON; it looks cut short, re-run shard 1\/3/],
      [short, /short\.json: holds 2 of the 3 runs of shard 1\/3; it looks cut short, re-run that shard/],
    ] as const) {
      const r = await run(["merge", ps[0] as string, file, ps[2] as string]);
      expect(r.code, r.err).toBe(5);
      expect(r.err).toMatch(pattern);
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
  });
});
