/**
 * End to end, KSG: the time a user waits for `infonce estimate -e ksg` against the whole scipy_ref.py process, in
 * the same command, on the same CSV (issue 12):
 *   npm run -s bench -- e2e-ksg [--n 20000] [--d 5] [--reps 3] [--before DIR]
 * The CSV (bench/ksg.ts's Gaussian pairs, ρ = 0.6, seed 0, d + d columns x0…, y0…) is written once; then, `reps`
 * times in turn: `scipy_ref.py ksg --csv FILE --dx d` (its own `process_seconds`, and its estimate), our whole
 * process for the point estimate (`infonce estimate FILE -e ksg --set uncertainty=none --json`) and the default
 * command with its interval (`infonce estimate FILE -e ksg --json`). Our processes are timed from spawn to exit
 * (Node's start-up, reading, estimating and printing included). Medians of each; ratios ours / SciPy; estimates
 * compared to 1e-10. Beside the wall time every process's CPU time (user + system, from /usr/bin/time) and, for ours,
 * the estimator's own seconds from the JSON, so the rest (start-up, reading, output) shows. `--before DIR` also times
 * the same two commands with the CLI built in DIR (another checkout), for before/after rows.
 * The load average is printed: on a shared machine wall times are noisy, ratios of the same run less so.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gaussianPairs, median, scipyRefPath } from "./ksg.js";
import { timeProcess, writePairsCsv } from "./process-timing.js";
import { referenceMissing } from "./reference-script.js";

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, "..", "src", "cli", "bin.js");

interface Timed {
  readonly wall: number;
  readonly cpu: number;
  readonly estimate: number;
  /** Ours: the estimator's seconds (from the JSON); SciPy: its `seconds` (the estimator alone). */
  readonly inner: number;
  readonly stderr: number | null;
}

/** Runs a whole process (bench/process-timing.ts) and reads its JSON output with `read`. */
function timed(
  argv: readonly string[],
  read: (out: string) => { estimate: number; inner: number; wall?: number; stderr?: number | null },
): Timed {
  const r = timeProcess(argv[0] as string, argv.slice(1));
  const got = read(r.stdout);
  return { wall: got.wall ?? r.wall, cpu: r.cpu, estimate: got.estimate, inner: got.inner, stderr: got.stderr ?? null };
}

function scipy(csv: string, d: number): Timed {
  return timed(["/usr/bin/python3", scipyRefPath(), "ksg", "--csv", csv, "--dx", String(d)], (out) => {
    const j = JSON.parse(out) as { estimate: number; seconds: number; process_seconds: number };
    return { estimate: j.estimate, inner: j.seconds, wall: j.process_seconds };
  });
}

function ours(bin: string, csv: string, withInterval: boolean): Timed {
  const argv = [process.execPath, bin, "estimate", csv, "--x", "x*", "--y", "y*", "-e", "ksg", "--json", "-q"];
  if (!withInterval) argv.push("--set", "uncertainty=none");
  return timed(argv, (out) => {
    const j = JSON.parse(out) as { estimate: number; seconds: number; stderr: number | null };
    return { estimate: j.estimate, inner: j.seconds, stderr: j.stderr };
  });
}

const fmt = (v: number): string => v.toFixed(2).padStart(7);

function row(name: string, runs: readonly Timed[], ref: number | null): string {
  const wall = median(runs.map((r) => r.wall));
  const last = runs[runs.length - 1] as Timed;
  const ratio = ref === null ? "" : `  ${(wall / ref).toFixed(2)}× SciPy`;
  const se = last.stderr === null ? "" : ` ± ${(1.96 * last.stderr).toFixed(4)}`;
  return (
    `  ${name.padEnd(34)} wall ${fmt(wall)} s  cpu ${fmt(median(runs.map((r) => r.cpu)))} s  ` +
    `estimator ${fmt(median(runs.map((r) => r.inner)))} s  rest ${fmt(median(runs.map((r) => r.wall - r.inner)))} s  ` +
    `estimate ${last.estimate.toFixed(12)}${se}${ratio}`
  );
}

export function benchE2eKsg(options: { n: number; d: number; reps: number; before?: string | undefined }): string {
  const { n, d, reps } = options;
  const dir = mkdtempSync(join(tmpdir(), "infonce-e2e-ksg-"));
  const csv = join(dir, "data.csv");
  const { x, y } = gaussianPairs(n, d, 0.6, 0);
  writePairsCsv(csv, x, y);
  const beforeBin = options.before === undefined ? null : join(options.before, "dist", "src", "cli", "bin.js");
  if (beforeBin !== null && !existsSync(beforeBin))
    throw new Error(`--before: ${beforeBin} not found (build it first)`);
  const runs = {
    scipy: [] as Timed[],
    point: [] as Timed[],
    interval: [] as Timed[],
    beforePoint: [] as Timed[],
    beforeInterval: [] as Timed[],
  };
  const load0 = loadavg();
  const missing = referenceMissing(scipyRefPath(), "scipy");
  try {
    for (let r = 0; r < reps; r++) {
      if (missing === null) runs.scipy.push(scipy(csv, d));
      runs.point.push(ours(BIN, csv, false));
      runs.interval.push(ours(BIN, csv, true));
      if (beforeBin !== null) {
        runs.beforePoint.push(ours(beforeBin, csv, false));
        runs.beforeInterval.push(ours(beforeBin, csv, true));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const ref = missing === null ? median(runs.scipy.map((r) => r.wall)) : null;
  const scipyEstimate = runs.scipy[0]?.estimate;
  const lines = [
    `e2e-ksg: n = ${n}, ${d}+${d} Gaussian pairs (ρ = 0.6) from one CSV, whole processes, median of ${reps} ` +
      `(load average before ${load0.map((v) => v.toFixed(2)).join(" ")}, after ${loadavg()
        .map((v) => v.toFixed(2))
        .join(" ")})`,
    missing === null ? row("scipy_ref.py ksg (process_seconds)", runs.scipy, null) : `  ${missing}`,
    row("infonce estimate -e ksg, point", runs.point, ref),
    row("infonce estimate -e ksg (interval)", runs.interval, ref),
  ];
  if (beforeBin !== null) {
    lines.push(row("before: point", runs.beforePoint, ref), row("before: with interval", runs.beforeInterval, ref));
  }
  if (scipyEstimate !== undefined) {
    const worst = Math.max(...[...runs.point, ...runs.interval].map((r) => Math.abs(r.estimate - scipyEstimate)));
    lines.push(
      `  estimates: |ours − SciPy| ≤ ${worst.toExponential(1)} (${worst <= 1e-10 ? "equal to 1e-10" : "NOT equal to 1e-10"})`,
    );
  }
  return lines.join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      n: { type: "string", default: "20000" },
      d: { type: "string", default: "5" },
      reps: { type: "string", default: "3" },
      before: { type: "string" },
    },
  });
  console.log(
    benchE2eKsg({ n: Number(values.n), d: Number(values.d), reps: Number(values.reps), before: values.before }),
  );
}
