import { Readable } from "node:stream";
import type { CliIO } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/main.js";

export interface RunOptions {
  /** Working directory (default: the process's). */
  readonly cwd?: string;
  /** Text or bytes on standard input. */
  readonly stdin?: string | Buffer;
  /** Pretend stderr is a terminal (progress bars draw). */
  readonly errIsTTY?: boolean;
  /** The stop flag the command sees (set it to simulate Ctrl-C). */
  readonly stop?: { stopped: boolean };
}

/**
 * A CliIO whose stdout and stderr are captured, for running the CLI or one command in-process; out() and err() read
 * what has been written so far (also while a command still runs).
 */
export function captureIO(options: RunOptions = {}): { io: CliIO; out: () => string; err: () => string } {
  let out = "";
  let err = "";
  const io: CliIO = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    errIsTTY: options.errIsTTY ?? false,
    env: {},
    cwd: options.cwd ?? process.cwd(),
    stop: options.stop ?? { stopped: false },
    ...(options.stdin === undefined ? {} : { stdin: Readable.from([Buffer.from(options.stdin)]) }),
  };
  return { io, out: () => out, err: () => err };
}

/** Runs the CLI in-process with captured output. */
export async function run(
  argv: string[],
  options: RunOptions = {},
): Promise<{ code: number; out: string; err: string }> {
  const { io, out, err } = captureIO(options);
  const code = await runCli(argv, io);
  return { code, out: out(), err: err() };
}
