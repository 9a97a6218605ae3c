import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import type { Matrix } from "../src/types.js";

/** One whole process, timed from outside: wall seconds, its CPU seconds (user + system) and its stdout. */
export interface ProcessRun {
  readonly wall: number;
  readonly cpu: number;
  readonly stdout: string;
}

/**
 * Runs `cmd args` to completion under /usr/bin/time (GNU time, which reports the child's CPU seconds on its last
 * stderr line) and times its wall clock here. Throws with the child's last stderr line when it fails.
 */
export function timeProcess(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): ProcessRun {
  const t0 = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "cpu %U %S", cmd, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
    env,
  });
  const wall = (performance.now() - t0) / 1000;
  const lines = (r.stderr ?? "").trim().split("\n");
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${lines.slice(-2).join(" | ")}`);
  const m = /^cpu ([\d.]+) ([\d.]+)$/.exec(lines[lines.length - 1] ?? "");
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : Number.NaN, stdout: r.stdout };
}

/** The 1-minute load average, to print beside every timing (the machine is shared). */
export const load1 = (): number => loadavg()[0] ?? Number.NaN;

/** x then y columns (x0…, y0…) with a header; shortest round-trip decimals, so NumPy's loadtxt reads the same bits. */
export function writePairsCsv(path: string, x: Matrix<Float64Array>, y: Matrix<Float64Array>): void {
  const header = [
    ...Array.from({ length: x.cols }, (_, j) => `x${j}`),
    ...Array.from({ length: y.cols }, (_, j) => `y${j}`),
  ];
  const lines = [header.join(",")];
  for (let i = 0; i < x.rows; i++) {
    const row: string[] = [];
    for (let c = 0; c < x.cols; c++) row.push(String(x.data[i * x.cols + c]));
    for (let c = 0; c < y.cols; c++) row.push(String(y.data[i * y.cols + c]));
    lines.push(row.join(","));
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
}
