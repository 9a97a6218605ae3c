import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import type { Matrix } from "../src/types.js";

/** One whole process, timed from outside: wall seconds, its CPU seconds (user + system), peak RSS and output. */
export interface ProcessRun {
  readonly wall: number;
  readonly cpu: number;
  /** Peak resident set size in MB (GNU time's %M), NaN when not reported. */
  readonly rssMb: number;
  readonly stdout: string;
  /** The child's own stderr (GNU time's lines removed). */
  readonly stderr: string;
  readonly ok: boolean;
}

/**
 * The line of a failed child's stderr that says why: the last error line (`Error: …`, `E_…`), else the last line
 * that is not Node's version trailer ("Node.js v20…", printed after an uncaught exception).
 */
export function lastWords(stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !/^Node\.js v\d/.test(l));
  const error = [...lines].reverse().find((l) => /^(\w*Error\b|E_[A-Z]+\b|infonce: )/.test(l));
  return error ?? lines[lines.length - 1] ?? "(no output)";
}

/**
 * Runs `cmd args` to completion under /usr/bin/time (GNU time, which reports the child's CPU seconds and peak RSS
 * on its last stderr line) and times its wall clock here. Never throws: `ok` says whether it exited 0.
 */
export function runProcess(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): ProcessRun {
  const t0 = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "infonce-bench-time %U %S %M", cmd, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
    env,
  });
  const wall = (performance.now() - t0) / 1000;
  // GNU time adds "Command exited with non-zero status N" and its own line: not the program's words.
  const lines = (r.stderr ?? "").split("\n").filter((l) => !l.startsWith("Command exited with non-zero status"));
  let at = lines.length - 1;
  while (at >= 0 && !(lines[at] ?? "").startsWith("infonce-bench-time ")) at--;
  const m = at < 0 ? null : /^infonce-bench-time ([\d.]+) ([\d.]+) (\d+)$/.exec(lines[at] ?? "");
  return {
    wall,
    cpu: m ? Number(m[1]) + Number(m[2]) : Number.NaN,
    rssMb: m ? Number(m[3]) / 1024 : Number.NaN,
    stdout: r.stdout ?? "",
    stderr: (at < 0 ? lines : lines.slice(0, at)).join("\n"),
    ok: r.status === 0,
  };
}

/** runProcess, throwing with the child's reason (lastWords) when it fails. */
export function timeProcess(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): ProcessRun {
  const r = runProcess(cmd, args, env);
  if (!r.ok) throw new Error(`${cmd} ${args.join(" ")} failed: ${lastWords(r.stderr)}`);
  return r;
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
