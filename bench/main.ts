/**
 * Benchmarks against the PyTorch reference (../shared/bench/torch_ref.py), run on the same machine.
 *   npm run -s bench -- <gemm|loss|w1> --json [--engine native|wasm|ts] [--threads N] [workload flags]
 *     prints one JSON line with torch_ref.py's fields for that workload, plus engine, variant and threads;
 *   npm run bench [-- <workload>]
 *     runs every workload (or the one named) (each in a fresh process, so peak RSS is per workload) for the native and wasm engines
 *     next to torch_ref.py (with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset: the reference's fair best) and
 *     prints the ratios;
 *   npm run -s bench -- ksg | e2e-ksg [flags]
 *     KSG against shared/bench/scipy_ref.py: the estimator alone (bench/ksg.ts) or whole processes (bench/e2e-ksg.ts).
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { isCompiledKernel } from "../src/linalg/compiled-kernel.js";
import type { Kernel } from "../src/types.js";
import { loadBenchKernel } from "./engine.js";
import { benchGemm, GEMM_SHAPES } from "./gemm.js";
import { benchLoss, benchSiglip } from "./loss.js";
import { lastWords } from "./process-timing.js";
import { referenceMissing, referenceScript, repoRoot } from "./reference-script.js";

type Row = Record<string, unknown>;

const WORKLOADS = ["w1", "loss", "siglip", "gemm"] as const;
type Workload = (typeof WORKLOADS)[number];

const here = dirname(fileURLToPath(import.meta.url));

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: "boolean", default: false },
      engine: { type: "string" },
      threads: { type: "string" },
      n: { type: "string", default: "4096" },
      dim: { type: "string" },
      temperature: { type: "string", default: "0.07" },
      reps: { type: "string", default: "20" },
      block: { type: "string", default: "256" },
      seed: { type: "string", default: "0" },
      steps: { type: "string", default: "500" },
      warmup: { type: "string", default: "20" },
      batch: { type: "string", default: "128" },
      hidden: { type: "string", default: "256" },
    },
  });
}

function describeKernel(kernel: Kernel): Row {
  return isCompiledKernel(kernel)
    ? { engine: kernel.engine, variant: kernel.variant, threads: kernel.getThreads() }
    : { engine: kernel.engine, variant: "typescript", threads: 1 };
}

async function runOne(workload: Workload, argv: string[]): Promise<Row> {
  const { values: v } = parse(argv);
  const kernel = await loadBenchKernel(v.engine);
  if (v.threads !== undefined && isCompiledKernel(kernel)) kernel.setThreads(Number(v.threads));
  let row: Row;
  if (workload === "gemm") {
    row = benchGemm(kernel);
  } else if (workload === "loss" || workload === "siglip") {
    row = (workload === "loss" ? benchLoss : benchSiglip)(kernel, {
      n: Number(v.n),
      dim: Number(v.dim ?? 256),
      temperature: Number(v.temperature),
      reps: Number(v.reps),
      block: Number(v.block),
      seed: Number(v.seed),
    });
  } else {
    const { benchW1 } = await import("./w1.js");
    row = benchW1(kernel, {
      steps: Number(v.steps),
      warmup: Number(v.warmup),
      batch: Number(v.batch),
      hidden: Number(v.hidden),
      dim: Number(v.dim ?? 20),
      seed: Number(v.seed),
    });
  }
  return { ...row, ...describeKernel(kernel) };
}

/**
 * Runs torch_ref.py in a child with OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset, unchanged except that each of its
 * time.perf_counter() calls also records the process's CPU time: from those marks the same intervals it times give
 * CPU-time figures (`cpu_ms_per_step`, `cpu_ms_per_call`, `*_gflops_cpu`), comparable with ours on a busy machine.
 * Adds the child's peak RSS.
 */
function runTorch(script: string, workload: Workload): Row | string {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const wrapper = [
    "import json, resource, runpy, sys, time",
    "marks = []",
    "_wall = time.perf_counter",
    "def _clock():",
    "    marks.append(time.process_time())",
    "    return _wall()",
    "time.perf_counter = _clock",
    `sys.argv = [${JSON.stringify(script)}, ${JSON.stringify(workload)}]`,
    "runpy.run_path(sys.argv[0], run_name='__main__')",
    "print(json.dumps({'peak_rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 'marks': marks}))",
  ].join("\n");
  const r = spawnSync("/usr/bin/python3", ["-c", wrapper], { encoding: "utf8", env, maxBuffer: 1 << 24 });
  if (r.status !== 0) return `torch_ref.py ${workload} failed: ${lastWords(r.stderr ?? "")}`;
  const lines = r.stdout.trim().split("\n");
  const row = JSON.parse(lines[lines.length - 2] ?? "{}") as Row;
  const extra = JSON.parse(lines[lines.length - 1] ?? "{}") as { peak_rss_mb: number; marks: number[] };
  const m = extra.marks;
  const span = (i: number): number => ((m[i + 1] as number) - (m[i] as number)) * 1000;
  // torch_ref.py's defaults: w1 times 500 steps, loss 20 reps; gemm times each size's reps between two marks.
  if (workload === "w1" && m.length >= 2) row.cpu_ms_per_step = span(0) / 500;
  if (workload === "loss" && m.length >= 2) row.cpu_ms_per_call = span(0) / 20;
  if (workload === "gemm") {
    GEMM_SHAPES.forEach(([mm, k, n], s) => {
      const flop = 2 * mm * k * n;
      const reps = Math.max(3, Math.floor(2e9 / flop));
      if (m.length >= 2 * s + 2) row[`${mm}x${k}x${n}_gflops_cpu`] = (flop * reps) / (span(2 * s) / 1000) / 1e9;
    });
  }
  return { ...row, peak_rss_mb: extra.peak_rss_mb };
}

function runSelf(workload: Workload, engine: string, extra: string[]): Row | string {
  const r = spawnSync(
    process.execPath,
    [fileURLToPath(import.meta.url), workload, "--json", "--engine", engine, ...extra],
    {
      encoding: "utf8",
      maxBuffer: 1 << 24,
    },
  );
  if (r.status !== 0) return `${engine} ${workload} failed: ${lastWords(r.stderr ?? "")}`;
  const lines = r.stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1] ?? "{}") as Row;
}

const fmt = (x: unknown): string =>
  typeof x === "number" ? (Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(4)) : String(x);

/** The metrics compared per workload, and whether lower is better. */
const METRICS: Record<Workload, readonly (readonly [string, boolean])[]> = {
  w1: [
    ["ms_per_step", true],
    ["cpu_ms_per_step", true],
    ["estimate", false],
  ],
  loss: [
    ["ms_per_call", true],
    ["cpu_ms_per_call", true],
    ["loss", false],
    ["peak_rss_mb", true],
  ],
  siglip: [
    ["ms_per_call", true],
    ["cpu_ms_per_call", true],
    ["loss", false],
    ["peak_rss_mb", true],
  ],
  gemm: [
    ["128x256x256_gflops", false],
    ["512x512x512_gflops", false],
    ["1024x1024x1024_gflops", false],
    ["128x256x256_gflops_cpu", false],
    ["512x512x512_gflops_cpu", false],
    ["1024x1024x1024_gflops_cpu", false],
    ["fma_peak_gflops", false],
    ["fma_peak_gflops_cpu", false],
    ["512x512x512_pct_of_peak", false],
  ],
};

async function runCompare(workloads: readonly Workload[]): Promise<void> {
  const script = referenceScript("torch_ref.py");
  const torchNote = referenceMissing(script, "torch");
  if (torchNote) console.log(torchNote);
  console.log(
    `machine: ${(await import("node:os")).cpus()[0]?.model ?? "?"}, ${(await import("node:os")).availableParallelism()} cores`,
  );
  for (const workload of workloads) {
    const torch = torchNote
      ? torchNote
      : workload === "siglip"
        ? runTorchContrastive("siglip", ["--n", "4096", "--dim", "256", "--reps", "3"])
        : runTorch(script, workload);
    const ours: [string, Row | string][] = [
      ["native", runSelf(workload, "native", [])],
      ["wasm", runSelf(workload, "wasm", workload === "loss" || workload === "siglip" ? ["--reps", "3"] : [])],
    ];
    console.log(`\n== ${workload} ==`);
    if (typeof torch === "string") console.log(`  torch: ${torch}`);
    else console.log(`  torch ${torch.torch} threads ${torch.threads}: ${JSON.stringify(torch)}`);
    for (const [engine, row] of ours) {
      if (typeof row === "string") {
        console.log(`  ${engine}: ${row}`);
        continue;
      }
      console.log(`  ${engine} (${row.variant}, ${row.threads} thread(s)): ${JSON.stringify(row)}`);
      for (const [metric, lowerBetter] of METRICS[workload]) {
        const a = row[metric];
        const b = typeof torch === "string" ? undefined : torch[metric];
        const ratio =
          typeof a === "number" && typeof b === "number" && b !== 0 ? ` ratio ours/torch ${fmt(a / b)}` : "";
        console.log(
          `    ${metric.padEnd(26)} ${fmt(a).padStart(10)}  torch ${fmt(b ?? "-").padStart(10)}${ratio}${lowerBetter ? " (lower is better)" : ""}`,
        );
      }
    }
  }
}

/** bench/torch_contrastive.py (the PyTorch InfoNCE and open_clip SigLIP losses), one JSON row, or why not. */
function runTorchContrastive(loss: "infonce" | "siglip", extra: string[]): Row | string {
  const script = join(repoRoot(), "bench", "torch_contrastive.py");
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const r = spawnSync("/usr/bin/python3", [script, loss, ...extra], { encoding: "utf8", env, maxBuffer: 1 << 24 });
  if (r.status !== 0) return `torch_contrastive.py ${loss} failed: ${lastWords(r.stderr ?? "")}`;
  const lines = r.stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1] ?? "{}") as Row;
}

/**
 * InfoNCE and SigLIP at N = 20,000 pairs of 512-d embeddings (issue 16's size), ours (native engine, blockwise)
 * against PyTorch (dense N×N, as users write it), each in its own process so the peak RSS is per loss. One warm-up
 * call and `reps` timed calls each.
 */
function runLarge(n = 20000, dim = 512, reps = 1): void {
  const size = ["--n", String(n), "--dim", String(dim), "--reps", String(reps)];
  console.log(`\n== large: InfoNCE and SigLIP at N ${n} × ${dim}, loss and all gradients ==`);
  for (const [loss, workload] of [
    ["infonce", "loss"],
    ["siglip", "siglip"],
  ] as const) {
    const torch = runTorchContrastive(loss, size);
    const ours = runSelf(workload, "native", size);
    console.log(`  ${loss} torch: ${typeof torch === "string" ? torch : JSON.stringify(torch)}`);
    console.log(`  ${loss} ours:  ${typeof ours === "string" ? ours : JSON.stringify(ours)}`);
    if (typeof torch === "string" || typeof ours === "string") continue;
    for (const metric of ["ms_per_call", "cpu_ms_per_call", "peak_rss_mb"]) {
      const a = ours[metric];
      const b = torch[metric];
      if (typeof a === "number" && typeof b === "number") {
        console.log(
          `    ${metric.padEnd(18)} ours ${fmt(a).padStart(10)}  torch ${fmt(b).padStart(10)}  ratio ${fmt(a / b)}`,
        );
      }
    }
  }
}

/** KSG against scipy_ref.py (bench/ksg.ts, or bench/e2e-ksg.ts whole processes), in a fresh process, printed as it reports. */
function runKsg(extra: string[], script: "ksg" | "e2e-ksg" = "ksg"): void {
  console.log(`\n== ${script} ==`);
  const r = spawnSync(process.execPath, [join(here, `${script}.js`), ...extra], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  console.log(r.status === 0 ? r.stdout.trimEnd() : `  ${script} failed: ${lastWords(r.stderr ?? "")}`);
}

/** Reading a 200 MB CSV end to end against NumPy (bench/e2e-read.ts), in a fresh process. */
function runE2eRead(extra: string[]): void {
  console.log("\n== e2e-read ==");
  const r = spawnSync(process.execPath, [join(here, "e2e-read.js"), ...extra], { encoding: "utf8" });
  console.log(r.status === 0 ? r.stdout.trimEnd() : `  e2e-read failed: ${lastWords(r.stderr ?? "")}`);
}

async function main(): Promise<void> {
  // `ksg`, `e2e-ksg`, `e2e-read`, `e2e-neural` and `demo` take their own flags: dispatch before this file's strict
  // flag parsing.
  if (process.argv[2] === "ksg" || process.argv[2] === "e2e-ksg") {
    runKsg(process.argv.slice(3), process.argv[2]);
    return;
  }
  if (process.argv[2] === "e2e-read") {
    runE2eRead(process.argv.slice(3));
    return;
  }
  if (process.argv[2] === "e2e-neural") {
    (await import("./e2e-neural.js")).benchE2eNeural(process.argv.slice(3));
    return;
  }
  if (process.argv[2] === "demo") {
    (await import("./demo-timing.js")).benchDemo(process.argv.slice(3));
    return;
  }
  const { positionals, values } = parse(process.argv.slice(2));
  const workload = positionals[0];
  if (workload === undefined) {
    await runCompare(WORKLOADS);
    runLarge();
    runKsg([]);
    runKsg([], "e2e-ksg");
    runE2eRead([]);
    console.log("\n== e2e-neural ==");
    (await import("./e2e-neural.js")).benchE2eNeural([]);
    console.log("\n== demo ==");
    (await import("./demo-timing.js")).benchDemo([]);
    return;
  }
  if (workload === "large") {
    runLarge(
      Number(values.n === "4096" ? 20000 : values.n),
      Number(values.dim ?? 512),
      Number(values.reps === "20" ? 1 : values.reps),
    );
    return;
  }
  if (!(WORKLOADS as readonly string[]).includes(workload)) {
    console.error(
      `bench: unknown workload '${workload}'; expected one of ${[...WORKLOADS, "ksg", "e2e-ksg", "e2e-read", "e2e-neural", "demo"].join(", ")}`,
    );
    process.exitCode = 2;
    return;
  }
  if (!values.json) {
    await runCompare([workload as Workload]);
    return;
  }
  const row = await runOne(workload as Workload, process.argv.slice(2));
  console.log(JSON.stringify(row));
}

await main();
