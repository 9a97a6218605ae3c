/**
 * The neural estimate a user waits for, end to end, against the PyTorch script a user would write:
 *   npm run -s bench -- e2e-neural [--n 20000] [--d 4] [--rho 0.6] [--reps 1] [--seed 0] [--json]
 * Gaussian pairs (x ~ N(0, I_d), y = ρx + √(1−ρ²)ε, I = −(d/2) log(1 − ρ²)) are written to a CSV; then, in the same
 * command and alternating, `infonce estimate FILE -e infonce` (ours, defaults) and `torch_ref.py e2e --csv FILE --dx d`
 * (its defaults: 3,000 steps) each run as a whole process (start, imports, reading, training, evaluation). Prints
 * wall and CPU seconds, both estimates with their errors against the truth, the ratios, and the load average.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gaussianPairs } from "./ksg.js";
import { load1, type ProcessRun, timeProcess, writePairsCsv } from "./process-timing.js";
import { referenceMissing, referenceScript, repoRoot } from "./reference-script.js";

interface Side {
  readonly wall: number;
  readonly cpu: number;
  readonly estimate: number;
  readonly error: number;
}

const median = (v: readonly number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

function summarise(runs: readonly { run: ProcessRun; estimate: number }[], truth: number): Side {
  const estimate = median(runs.map((r) => r.estimate));
  return {
    wall: median(runs.map((r) => r.run.wall)),
    cpu: median(runs.map((r) => r.run.cpu)),
    estimate,
    error: estimate - truth,
  };
}

export function benchE2eNeural(argv: readonly string[]): void {
  const { values: v } = parseArgs({
    args: [...argv],
    options: {
      n: { type: "string", default: "20000" },
      d: { type: "string", default: "4" },
      rho: { type: "string", default: "0.6" },
      reps: { type: "string", default: "1" },
      seed: { type: "string", default: "0" },
      json: { type: "boolean", default: false },
    },
  });
  const n = Number(v.n);
  const d = Number(v.d);
  const rho = Number(v.rho);
  const reps = Number(v.reps);
  const truth = -(d / 2) * Math.log(1 - rho * rho);
  const script = referenceScript("torch_ref.py");
  const missing = referenceMissing(script, "torch");
  const dir = mkdtempSync(join(tmpdir(), "infonce-e2e-neural-"));
  const loadBefore = load1();
  try {
    const csv = join(dir, "pairs.csv");
    const { x, y } = gaussianPairs(n, d, rho, Number(v.seed));
    writePairsCsv(csv, x, y);
    const bin = join(repoRoot(), "dist", "src", "cli", "bin.js");
    const ours: { run: ProcessRun; estimate: number }[] = [];
    const torch: { run: ProcessRun; estimate: number }[] = [];
    for (let r = 0; r < reps; r++) {
      // Alternate which goes first, so a load change during the run does not favour one side.
      const order = r % 2 === 0 ? ["ours", "torch"] : ["torch", "ours"];
      for (const side of order) {
        if (side === "ours") {
          const run = timeProcess(process.execPath, [
            bin,
            "estimate",
            csv,
            "--x",
            `x0..x${d - 1}`,
            "-e",
            "infonce",
            "--json",
            "--quiet",
          ]);
          ours.push({ run, estimate: (JSON.parse(run.stdout) as { estimate: number }).estimate });
        } else if (missing === null) {
          const run = timeProcess("/usr/bin/python3", [script, "e2e", "--csv", csv, "--dx", String(d)]);
          const lines = run.stdout.trim().split("\n");
          torch.push({ run, estimate: (JSON.parse(lines[lines.length - 1] ?? "{}") as { estimate: number }).estimate });
        }
      }
    }
    const a = summarise(ours, truth);
    const b = torch.length > 0 ? summarise(torch, truth) : null;
    const row = {
      workload: "e2e-neural",
      n,
      d,
      rho,
      reps,
      trueMI: truth,
      ours: a,
      torch: b,
      wallRatio: b ? a.wall / b.wall : null,
      cpuRatio: b ? a.cpu / b.cpu : null,
      load1: [loadBefore, load1()],
      ...(missing ? { note: missing } : {}),
    };
    if (v.json) {
      console.log(JSON.stringify(row));
      return;
    }
    const f = (s: Side) =>
      `${s.wall.toFixed(2)} s wall, ${s.cpu.toFixed(2)} s CPU, estimate ${s.estimate.toFixed(4)} (error ${s.error >= 0 ? "+" : ""}${s.error.toFixed(4)})`;
    console.log(
      `e2e-neural: ${d}+${d} Gaussian, ρ = ${rho}, n = ${n}, true MI ${truth.toFixed(4)} nats; ${reps} rep(s), medians`,
    );
    console.log(`  ours  infonce estimate -e infonce: ${f(a)}`);
    if (b === null) console.log(`  torch: ${missing}`);
    else {
      console.log(`  torch torch_ref.py e2e:           ${f(b)}`);
      console.log(
        `  ratio ours/torch: wall ${(a.wall / b.wall).toFixed(3)}, CPU ${(a.cpu / b.cpu).toFixed(3)}; ` +
          `|error| ours ${Math.abs(a.error).toFixed(4)} vs torch ${Math.abs(b.error).toFixed(4)}`,
      );
    }
    console.log(`  load average (1 min) before/after: ${row.load1.map((l) => l.toFixed(2)).join(" / ")}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
