import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN } from "../../../test/helpers/run-bin.js";
import { run } from "../../../test/helpers/run-cli.js";
import { tempDir } from "../../../test/helpers/temp-dir.js";

const { dir } = tempDir();
const FAST = ["--estimator", "infonce", "--steps", "40", "--batch", "32"];

describe("infonce estimate with a registered estimator", () => {
  it("prints the documented JSON, writes the same record to --out, a plot and a report", async () => {
    expect(
      (
        await run(["sample", "multinormal-dense-2-2-0.5", "--n", "400", "--seed", "4", "--out", "d.csv", "-q"], {
          cwd: dir,
        })
      ).code,
    ).toBe(0);
    const r = await run(
      ["estimate", "d.csv", ...FAST, "--json", "--out", "r.json", "--plot", "c.svg", "--report", "r.html"],
      { cwd: dir },
    );
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({
      schemaVersion: 1,
      estimator: "infonce",
      n: expect.any(Number),
      // 400 rows: 200 held out, evaluated in two batches of K_eval = 100 (validation, test).
      logK: Math.log(100),
      partial: false,
      input: { files: ["d.csv"], x: { columns: ["x0", "x1"] }, y: { columns: ["y0", "y1"] } },
    });
    expect(j.estimateBits).toBeCloseTo(j.estimate / Math.LN2, 12);
    expect(j.settings).toMatchObject({ batchSize: 32, maxSteps: 40, seed: 0, evalBatchSizeUsed: 100 });
    expect(JSON.parse(readFileSync(join(dir, "r.json"), "utf8"))).toEqual(j);
    expect(readFileSync(join(dir, "c.svg"), "utf8")).toContain("infonce: training curve");
    const html = readFileSync(join(dir, "r.html"), "utf8");
    expect(html).toContain("<svg");
    expect(html).toContain("x0, x1");
  });
  it("--set with a typo'd or ill-typed setting is a usage error naming the closest valid one", async () => {
    const typo = await run(["estimate", "d.csv", ...FAST, "--set", "maxStep=20"], { cwd: dir });
    expect(typo.code).toBe(2);
    expect(typo.err).toMatch(/infonce has no setting 'maxStep'; did you mean 'maxSteps'\?/);
    const ksg = await run(["estimate", "d.csv", "--estimator", "ksg", "--set", "kk=5"], { cwd: dir });
    expect(ksg.code).toBe(2);
    expect(ksg.err).toMatch(/ksg has no setting 'kk'; did you mean 'k'\?/);
    const bad = await run(["estimate", "d.csv", "--estimator", "ksg", "--set", "copula=yes"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/copula must be true or false, got yes/);
  });
  it("is deterministic for a seed", async () => {
    const a = await run(["estimate", "d.csv", ...FAST, "--seed", "3", "--json"], { cwd: dir });
    const b = await run(["estimate", "d.csv", ...FAST, "--seed", "3", "--json"], { cwd: dir });
    expect(JSON.parse(a.out).estimate).toBe(JSON.parse(b.out).estimate);
  });
  it("prints the table in nats and bits by default", async () => {
    const r = await run(["estimate", "d.csv", ...FAST], { cwd: dir });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^infonce on d\.csv \(n = \d+, X: 2 columns, Y: 2 columns\)/);
    expect(r.out).toMatch(/log K\s+4\.6052\s+6\.6439/);
  });
  it("a stop request (Ctrl-C) gives the estimate so far, marked partial, exit 130", async () => {
    const r = await run(["estimate", "d.csv", ...FAST, "--json"], { cwd: dir, stop: { stopped: true } });
    expect(r.code).toBe(130);
    expect(JSON.parse(r.out).partial).toBe(true);
  });
  it("SIGINT to a real process prints the partial estimate and exits 130", async () => {
    const child = spawn(
      process.execPath,
      [BIN, "estimate", "d.csv", "--estimator", "infonce", "--steps", "1000000", "--set", "patience=1000000", "--json"],
      {
        cwd: dir,
      },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    const timer = setTimeout(() => child.kill("SIGINT"), 6000);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    clearTimeout(timer);
    expect(err).toContain("stopping after the current step");
    expect(code).toBe(130);
    expect(JSON.parse(out)).toMatchObject({ partial: true, estimator: "infonce" });
  });
});
