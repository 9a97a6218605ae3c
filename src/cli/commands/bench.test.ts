import { mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runCommand } from "citty";
import { describe, expect, it } from "vitest";
import { expectCodeAsync } from "../../../test/helpers/expect-code.js";
import { fakeEstimate } from "../../../test/helpers/fake-estimate.js";
import { captureIO, run } from "../../../test/helpers/run-cli.js";
import { tempDir } from "../../../test/helpers/temp-dir.js";
import { CMI_TASKS, type CmiTask } from "../../cmi/cmi-tasks.js";
import { InfonceError } from "../../errors.js";
import type { Estimator } from "../../types.js";
import type { CliIO } from "../io.js";
import { benchCommand, parseEstimatorOptions } from "./bench.js";

// Estimators made for these tests only (never registered).
function fixed(name: string, kind: "neural" | "classical", value: number): Estimator {
  return {
    name,
    kind,
    description: "test only",
    estimate: async (_s, options) => {
      const v = value + Number(options?.shift ?? 0);
      return fakeEstimate(name, v, [v - 0.1, v + 0.1], { stderr: 0.05 });
    },
  };
}
const failing: Estimator = {
  name: "failing",
  kind: "classical",
  description: "test only",
  estimate: async () => {
    throw new InfonceError("E_DATA", "too few rows");
  },
};
const REGISTRY = { a: fixed("a", "classical", 0.4), b: fixed("b", "neural", 1), failing };

// Each run in a folder of its own (it writes its files there), all removed after the file.
const runs = tempDir().dir;

async function bench(argv: string[], stop = { stopped: false }) {
  const { io, out, err } = captureIO({ cwd: mkdtempSync(join(runs, "bench-")), stop });
  const { result } = await runCommand(benchCommand(io, REGISTRY), { rawArgs: argv });
  return { code: result as number, out: out(), err: err(), cwd: io.cwd };
}

describe("infonce bench", () => {
  it("is registered and documents its flags", async () => {
    const r = await run(["bench", "--help"]);
    expect(r.code).toBe(0);
    for (const flag of ["--estimators", "--tasks", "--suite", "--seeds", "--n", "--json", "--out", "--options"]) {
      expect(r.out).toContain(flag);
    }
  });

  it("prints a markdown table with the reproducing command, and one progress line per run on stderr", async () => {
    const r = await bench([
      "--estimators",
      "a,failing",
      "--tasks",
      "1v1-normal-0.75,independent-normal-5-5",
      "--seeds",
      "2",
      "--n",
      "100",
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "infonce bench --estimators 'a,failing' --tasks 1v1-normal-0.75,independent-normal-5-5 --seeds 2 --n 100",
    );
    expect(r.out).toContain("| task | true MI | a | failing |");
    expect(r.out).toContain("| 1v1-normal-0.75 | 0.413 | 0.400 (3.2%) | failed |");
    expect(r.out).toContain("- failing on 1v1-normal-0.75: E_DATA: too few rows");
    const lines = r.err.trim().split("\n");
    expect(lines.filter((l) => /^\[ ?\d\/8\]/.test(l)).length).toBe(8);
    expect(r.err).toContain("[1/8] a on 1v1-normal-0.75 (seed 0): 0.400 nats, truth 0.413");
    expect(r.err).toContain("FAILED: E_DATA: too few rows");
    expect(r.err).toContain("4 of 8 runs failed");
  });

  it("writes JSON to stdout with --json, and to a file with --out (format from the extension)", async () => {
    const r = await bench(["--estimators", "a", "--tasks", "1v1-normal-0.75", "--seeds", "1", "--n", "50", "--json"]);
    const j = JSON.parse(r.out) as { rows: { estimate: number; task: string }[]; settings: { n: number } };
    expect(j.settings.n).toBe(50);
    expect(j.rows).toHaveLength(1);
    expect(j.rows[0]?.estimate).toBe(0.4);
    const f = await bench(["--estimators", "b", "--suite", "quick", "--seeds", "1", "--n", "50", "--out", "t.json"]);
    expect(f.out).toBe("");
    expect(f.err).toMatch(/wrote JSON of 9 runs to .*t\.json/);
    const written = JSON.parse(readFileSync(join(f.cwd, "t.json"), "utf8")) as { rows: unknown[] };
    expect(written.rows).toHaveLength(9);
    const m = await bench([
      "--estimators",
      "a",
      "--tasks",
      "1v1-normal-0.75",
      "--seeds",
      "1",
      "--out",
      "t.md",
      "--json",
    ]);
    expect(readFileSync(join(m.cwd, "t.md"), "utf8")).toContain("| task | true MI | a |");
    expect((JSON.parse(m.out) as { rows: unknown[] }).rows).toHaveLength(1);
  });

  it("passes --options by name, kind or '*' (numbers and booleans parsed)", async () => {
    const r = await bench([
      "--tasks",
      "1v1-normal-0.75",
      "--estimators",
      "a,b",
      "--seeds",
      "1",
      "--n",
      "50",
      "--json",
      "--options",
      "neural.shift=0.5,a.shift=-0.1",
    ]);
    const j = JSON.parse(r.out) as { rows: { estimator: string; estimate: number }[] };
    expect(j.rows.find((x) => x.estimator === "a")?.estimate).toBeCloseTo(0.3, 15);
    expect(j.rows.find((x) => x.estimator === "b")?.estimate).toBe(1.5);
    expect(parseEstimatorOptions("*.copula=true,a.k=5,b.mode=fast,b.hidden=[64, 32]", Object.values(REGISTRY))).toEqual(
      {
        a: { copula: true, k: 5 },
        b: { copula: true, mode: "fast", hidden: [64, 32] },
        failing: { copula: true },
      },
    );
  });

  it("runs variants with fixed settings side by side: a,a[shift=0.25]", async () => {
    const r = await bench([
      "--estimators",
      "a,a[shift=0.25]",
      "--tasks",
      "1v1-normal-0.75",
      "--seeds",
      "1",
      "--n",
      "50",
    ]);
    expect(r.out).toContain("| task | true MI | a | a[shift=0.25] |");
    expect(r.out).toContain("| 1v1-normal-0.75 | 0.413 | 0.400 (3.2%) | 0.650 (57%) |");
    const o = await bench(
      ["--estimators", "a[shift=0.25]", "--tasks", "1v1-normal-0.75", "--seeds", "1", "--n", "50", "--json"].concat([
        "--options",
        "a.other=1",
      ]),
    );
    expect((JSON.parse(o.out) as { rows: { estimate: number }[] }).rows[0]?.estimate).toBe(0.65);
    await expectCodeAsync(
      bench(["--estimators", "a[shift]"]),
      "E_ARG",
      /'shift' in 'a\[shift\]' must look like key=value/,
    );
  });

  it("rejects unknown names and bad numbers with codes and suggestions", async () => {
    await expectCodeAsync(bench(["--estimators", "aa"]), "E_UNKNOWN", /unknown estimator 'aa'\. Did you mean: a/);
    await expectCodeAsync(bench(["--tasks", "1v1-normal-0.8"]), "E_UNKNOWN", /Did you mean: 1v1-normal-0\.75/);
    await expectCodeAsync(bench(["--suite", "full"]), "E_UNKNOWN", /suites are quick, standard, tables, cmi/);
    await expectCodeAsync(bench(["--seeds", "0"]), "E_ARG", /--seeds must be an integer ≥ 1, got '0'/);
    await expectCodeAsync(bench(["--n", "5k"]), "E_ARG", /--n must be an integer ≥ 2, got '5k'/);
    await expectCodeAsync(bench(["--options", "k=5"]), "E_ARG", /must look like estimator\.setting=value/);
    await expectCodeAsync(bench(["--options", "zzz.k=5"]), "E_ARG", /'zzz' matches none/);
    await expectCodeAsync(bench(["--options", "a.hidden=[1,"]), "E_ARG", /not a valid list/);
    await expectCodeAsync(
      runCommand(benchCommand({ ...({} as CliIO), stop: { stopped: false } }, {}), { rawArgs: [] }),
      "E_ARG",
      /no estimators are registered/,
    );
  });

  it("runs the conditional-MI tasks with the conditional-MI estimators: --suite cmi, judged by the exact CMI", async () => {
    const r = await bench([
      "--suite",
      "cmi",
      "--estimators",
      "gaussian-cmi,discrete-cmi",
      "--seeds",
      "1",
      "--n",
      "600",
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("| task | true CMI | gaussian-cmi | discrete-cmi |");
    const j = JSON.parse(
      (await bench(["--suite", "cmi", "--estimators", "gaussian-cmi", "--seeds", "1", "--n", "600", "--json"])).out,
    ) as { rows: { task: string; truth: number; estimate: number; status: string }[] };
    expect(j.rows.map((row) => row.task)).toEqual(CMI_TASKS.map((t) => t.name));
    for (const row of j.rows) {
      const task = CMI_TASKS.find((t) => t.name === row.task) as CmiTask;
      // The truth is I(X;Y|Z), not the unconditional I(X;Y) (they differ on every task here).
      expect(row.truth).toBe(task.trueCMI);
      expect(row.truth).not.toBe(task.trueMI);
      expect(row.status).toBe("ok");
    }
    const cause = j.rows[0] as { estimate: number; truth: number };
    expect(Math.abs(cause.estimate - cause.truth)).toBeLessThan(0.15);
    await expectCodeAsync(
      bench(["--tasks", "cmi-gaussian-chain,1v1-normal-0.75"]),
      "E_ARG",
      /mixes conditional-MI tasks \(cmi-gaussian-chain\) with MI tasks/,
    );
    await expectCodeAsync(
      bench(["--suite", "cmi", "--estimators", "ksg"]),
      "E_UNKNOWN",
      /unknown estimator 'ksg'\. Did you mean: ksg-cmi/,
    );
  });

  it("returns the partial table and exit code 130 when stopped", async () => {
    const r = await bench(["--estimators", "a", "--tasks", "1v1-normal-0.75", "--seeds", "2"], { stopped: true });
    expect(r.code).toBe(130);
    expect(r.err).toContain("stopped early");
  });
});
