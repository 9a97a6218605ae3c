import type { CliIO } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/main.js";

/** Runs the CLI in-process with captured output. */
export async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIO = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    errIsTTY: false,
    env: {},
    cwd: process.cwd(),
    stop: { stopped: false },
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}
