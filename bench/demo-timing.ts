/**
 * The main job's wall time: `npm start` (the build, then `infonce demo`) as a user runs it, whole process.
 *   npm run -s bench -- demo [--reps 1] [--json]
 * The demo's plot goes to a temporary folder instead of the working tree. Prints the wall and CPU seconds (median
 * of reps), the demo's own table, and the load average before and after.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { load1, type ProcessRun, timeProcess } from "./process-timing.js";
import { repoRoot } from "./reference-script.js";

export function benchDemo(argv: readonly string[]): void {
  const { values: v } = parseArgs({
    args: [...argv],
    options: { reps: { type: "string", default: "1" }, json: { type: "boolean", default: false } },
  });
  const reps = Number(v.reps);
  const dir = mkdtempSync(join(tmpdir(), "infonce-demo-"));
  const loadBefore = load1();
  try {
    const runs: ProcessRun[] = [];
    for (let r = 0; r < reps; r++) {
      // npm appends the arguments after -- to the start script's last command, `infonce demo`.
      const run = timeProcess("npm", ["start", "--prefix", repoRoot(), "--", "--plot", join(dir, "demo.svg")]);
      runs.push(run);
    }
    const sorted = (f: (r: ProcessRun) => number) => runs.map(f).sort((a, b) => a - b);
    const wall = sorted((r) => r.wall)[reps >> 1] as number;
    const cpu = sorted((r) => r.cpu)[reps >> 1] as number;
    const row = { workload: "demo", reps, wall, cpu, budget: 20, load1: [loadBefore, load1()] };
    if (v.json) {
      console.log(JSON.stringify(row));
      return;
    }
    console.log((runs[runs.length - 1] as ProcessRun).stdout.trimEnd());
    console.log(
      `demo: npm start ${wall.toFixed(2)} s wall (budget 20 s), ${cpu.toFixed(2)} s CPU; ${reps} rep(s), median; ` +
        `load average (1 min) before/after ${row.load1.map((l) => l.toFixed(2)).join(" / ")}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
