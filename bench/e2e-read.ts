/**
 * Reading a big table end to end, against NumPy, in the same command (issue 12, e2e-read):
 *   npm run -s build && node dist/bench/e2e-read.js [--rows 2000000] [--reps 1] [--csv FILE] [--linearity] [--json]
 * 1. Writes a seeded Gaussian table (x0…x4, y0…y4 with y = 0.6 x + 0.8 ε; six decimals, ~95 bytes a row, so
 *    2,000,000 rows ≈ 190 MB) to a temporary CSV, or uses --csv FILE.
 * 2. Runs, alternating, `infonce estimate FILE -e gaussian --json -q` and
 *    `/usr/bin/python3 scipy_ref.py gaussian --csv FILE --dx 5` (numpy.loadtxt + the log-det estimator) as whole
 *    processes, each under /usr/bin/time for its peak RSS; wall time is measured around each process the same way.
 *    Prints both estimates, the median wall times and their ratio, scipy_ref.py's own process_seconds, both peak
 *    RSS and the float64 size of the data, and whether the done-means hold (ratio ≤ 0.5, RSS ≤ 2× the data).
 * 3. --linearity: `infonce inspect` on generated files of other shapes — the table at ½× and 1× the rows, one
 *    100,000-column table, one file of 8 very long lines, and a file whose header lies (1 column, then rows of
 *    100,000 fields) — with seconds per MB: reading is linear when s/MB stays flat, and the lying file fails fast.
 * The load average is printed beside the figures: timings on a shared machine are noisy.
 */
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createRng } from "../src/math/rng.js";
import { scipyRefPath } from "./ksg.js";
import { lastWords, type ProcessRun, runProcess } from "./process-timing.js";
import { referenceMissing } from "./reference-script.js";

const here = dirname(fileURLToPath(import.meta.url));
const bin = resolve(here, "..", "src", "cli", "bin.js");

/** Writes `rows` lines of `cols` numbers from `cell(r, c)` after `header`, in 4 MB writes. */
function writeTable(path: string, header: string, rows: number, line: (r: number) => string): void {
  const fd = openSync(path, "w");
  let buf: string[] = [header];
  let size = header.length;
  for (let r = 0; r < rows; r++) {
    const l = line(r);
    buf.push(l);
    size += l.length + 1;
    if (size > 4e6) {
      writeSync(fd, `${buf.join("\n")}\n`);
      buf = [];
      size = 0;
    }
  }
  if (buf.length > 0) writeSync(fd, `${buf.join("\n")}\n`);
  closeSync(fd);
}

/** The e2e table: x ~ N(0, I₅), y = 0.6 x + 0.8 ε, six decimals. True MI = −5/2 log(1 − 0.36) = 1.116 nats. */
function writeGaussianCsv(path: string, rows: number, seed = 0): void {
  const rng = createRng(seed);
  const header = "x0,x1,x2,x3,x4,y0,y1,y2,y3,y4";
  writeTable(path, header, rows, () => {
    const x = [rng.normal(), rng.normal(), rng.normal(), rng.normal(), rng.normal()];
    const y = x.map((v) => 0.6 * v + 0.8 * rng.normal());
    return [...x, ...y].map((v) => v.toFixed(6)).join(",");
  });
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? Number.NaN;
const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`;

function compare(csv: string, rows: number, reps: number, withNumpy: boolean) {
  const ours: ProcessRun[] = [];
  const numpy: ProcessRun[] = [];
  for (let i = 0; i < reps; i++) {
    ours.push(runProcess(process.execPath, [bin, "estimate", csv, "-e", "gaussian", "--json", "-q"]));
    if (withNumpy) numpy.push(runProcess("/usr/bin/python3", [scipyRefPath(), "gaussian", "--csv", csv, "--dx", "5"]));
  }
  const bad = [...ours, ...numpy].find((r) => !r.ok);
  if (bad !== undefined) throw new Error(`a run failed: ${lastWords(bad.stderr)}`);
  const ref = (withNumpy ? JSON.parse(numpy[0]!.stdout.trim().split("\n").pop() ?? "{}") : {}) as Record<
    string,
    number
  >;
  const mine = JSON.parse(ours[0]!.stdout) as { estimate: number };
  const dataMb = (rows * 10 * 8) / 2 ** 20;
  const oursWall = median(ours.map((r) => r.wall));
  const numpyWall = median(numpy.map((r) => r.wall));
  const rss = (runs: ProcessRun[]) => (runs.length === 0 ? Number.NaN : Math.max(...runs.map((r) => r.rssMb)));
  return {
    workload: "e2e-read",
    rows,
    file_mb: statSync(csv).size / 2 ** 20,
    reps,
    ours_estimate: mine.estimate,
    numpy_estimate: ref.estimate,
    ours_seconds: oursWall,
    numpy_seconds: numpyWall,
    numpy_process_seconds: ref.process_seconds ?? Number.NaN,
    ratio: oursWall / numpyWall,
    ours_peak_rss_mb: rss(ours),
    numpy_peak_rss_mb: rss(numpy),
    data_float64_mb: dataMb,
    rss_over_data: rss(ours) / dataMb,
    done: oursWall / numpyWall <= 0.5 && rss(ours) <= 2 * dataMb,
    load: loadavg(),
  };
}

/** Seconds of `infonce inspect` on generated files of several shapes; s/MB should stay flat. */
function linearity(dir: string, rows: number) {
  const out: { shape: string; mb: number; seconds: number; sPerMb: number; result: string }[] = [];
  const one = (shape: string, path: string, args: string[]) => {
    const r = runProcess(process.execPath, [bin, "inspect", path, ...args, "--json"]);
    const mb = statSync(path).size / 2 ** 20;
    const result = r.ok ? "read" : `error: ${lastWords(r.stderr).slice(0, 90)}`;
    out.push({ shape, mb, seconds: r.wall, sPerMb: r.wall / mb, result });
    rmSync(path);
  };
  for (const k of [0.5, 1]) {
    const p = join(dir, `tall-${k}.csv`);
    writeGaussianCsv(p, Math.round(rows * k));
    one(`${Math.round(rows * k)} × 10`, p, []);
  }
  const rng = createRng(1);
  const wideCols = 100_000;
  const wideRows = Math.max(2, Math.round((rows * 10) / wideCols / 4));
  const wide = join(dir, "wide.csv");
  const names = Array.from({ length: wideCols }, (_, j) => `c${j}`).join(",");
  writeTable(wide, names, wideRows, () => Array.from({ length: wideCols }, () => rng.normal().toFixed(6)).join(","));
  one(`${wideRows} × ${wideCols} (wide header)`, wide, ["--x", "c0..c9", "--y", "c10..c19"]);
  const long = join(dir, "long.csv");
  const longCols = Math.round((rows * 10) / 8 / 4);
  writeTable(long, Array.from({ length: longCols }, (_, j) => `c${j}`).join(","), 8, () =>
    Array.from({ length: longCols }, () => rng.normal().toFixed(6)).join(","),
  );
  one(`8 × ${longCols} (very long lines)`, long, ["--x", "c0", "--y", "c1"]);
  const lying = join(dir, "lying.csv");
  writeTable(lying, "a", 20, () => Array.from({ length: 100_000 }, () => "1.5").join(","));
  one("header of 1 field, rows of 100,000 (lying)", lying, ["--x", "a", "--y", "a"]);
  return out;
}

function main(): void {
  const { values: v } = parseArgs({
    options: {
      rows: { type: "string", default: "2000000" },
      reps: { type: "string", default: "1" },
      csv: { type: "string" },
      linearity: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
  });
  const rows = Number(v.rows);
  const dir = mkdtempSync(join(tmpdir(), "infonce-e2e-read-"));
  try {
    const csv = v.csv ?? join(dir, "big.csv");
    if (v.csv === undefined) writeGaussianCsv(csv, rows);
    const before = load();
    const missing = referenceMissing(scipyRefPath(), "numpy");
    if (missing !== null) console.log(`  ${missing}: ours alone`);
    const row = compare(csv, rows, Number(v.reps), missing === null);
    if (v.json) console.log(JSON.stringify(row));
    else {
      const f = (x: number, d = 2) => x.toFixed(d);
      console.log(`  ${before} (before), ${load()} (after)`);
      console.log(`  ${rows} rows × 10 columns, ${f(row.file_mb, 1)} MB CSV, ${reps(row.reps)}`);
      const data = `float64 data ${f(row.data_float64_mb, 0)} MB, ours/data ${f(row.rss_over_data)} (done means ≤ 2)`;
      if (missing !== null) {
        console.log(`  estimate: ours ${row.ours_estimate}`);
        console.log(
          `  whole process: ours ${f(row.ours_seconds)} s; peak RSS ours ${f(row.ours_peak_rss_mb, 0)} MB; ${data}`,
        );
      } else {
        console.log(`  estimates: ours ${row.ours_estimate}, numpy ${row.numpy_estimate}`);
        console.log(
          `  whole process: ours ${f(row.ours_seconds)} s, numpy ${f(row.numpy_seconds)} s (its process_seconds ${f(row.numpy_process_seconds)}), ratio ours/numpy ${f(row.ratio, 3)} (done means ≤ 0.5)`,
        );
        console.log(
          `  peak RSS: ours ${f(row.ours_peak_rss_mb, 0)} MB, numpy ${f(row.numpy_peak_rss_mb, 0)} MB; ${data}`,
        );
        console.log(`  done: ${row.done ? "yes" : "no"}`);
      }
    }
    if (v.linearity) {
      const table = linearity(dir, rows);
      if (v.json) console.log(JSON.stringify({ workload: "e2e-read-linearity", shapes: table, load: loadavg() }));
      else {
        console.log(`  linearity (${load()}):`);
        for (const t of table) {
          console.log(
            `    ${t.shape.padEnd(44)} ${t.mb.toFixed(1).padStart(7)} MB ${t.seconds.toFixed(2).padStart(7)} s ${t.sPerMb.toFixed(4)} s/MB  ${t.result}`,
          );
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const reps = (n: number) => `${n} run${n === 1 ? "" : "s"} each, alternating (medians)`;

main();
