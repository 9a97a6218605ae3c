import { spawnSync } from "node:child_process";
import { join } from "node:path";

/** The built CLI entry (npm test builds before vitest runs). */
export const BIN = join(import.meta.dirname, "../../dist/src/cli/bin.js");

/** Runs the built CLI as a real process and returns its exit code, stdout and stderr. */
export function runBin(argv: string[], options: { cwd?: string; input?: string | Buffer } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...argv], {
    cwd: options.cwd ?? process.cwd(),
    input: options.input ?? "",
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 120_000,
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}
