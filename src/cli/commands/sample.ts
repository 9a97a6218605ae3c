import { extname } from "node:path";
import { InfonceError } from "../../errors.js";
import { getTask } from "../../tasks/index.js";
import { intArg } from "../commonArgs.js";
import { defineCliCommand } from "../defineCliCommand.js";
import type { CliIO } from "../io.js";
import type { CommandFactory } from "./index.js";

const WRITERS = [".csv", ".tsv", ".npy", ".parquet"] as const;

/**
 * `infonce sample TASK`: n seeded draws of a ground-truth task, as columns x0…, y0… (CSV/TSV/Parquet; to stdout
 * as CSV without --out) or one n×(dX+dY) array (NPY: X is columns 0..dX−1).
 */
const sampleCommand: CommandFactory = (io: CliIO) =>
  defineCliCommand({
    meta: {
      name: "sample",
      description: "Write a sample of a ground-truth task (known MI) to CSV, TSV, NPY or Parquet",
    },
    args: {
      task: { type: "positional", description: "Task name (see infonce tasks)", required: true },
      n: { type: "string", description: "Number of rows", default: "1000" },
      seed: { type: "string", description: "Seed (same seed → same numbers)", default: "0" },
      out: { type: "string", description: "Output file: .csv, .tsv, .npy or .parquet (default: CSV on stdout)" },
      json: { type: "boolean", description: "Print what was written (task, true MI, columns) as JSON" },
      quiet: { type: "boolean", alias: "q", description: "No note on stderr" },
    },
    async run({ args }) {
      const n = intArg(args.n, "n", 1, 50_000_000) ?? 1000;
      const seed = intArg(args.seed, "seed", 0, 2 ** 32 - 1) ?? 0;
      const task = getTask(String(args.task));
      let full: string | undefined;
      const ext = typeof args.out === "string" ? extname(args.out).toLowerCase() : ".csv";
      if (typeof args.out === "string") {
        if (!(WRITERS as readonly string[]).includes(ext)) {
          throw new InfonceError("E_ARG", `--out ${args.out}: give a .csv, .tsv, .npy or .parquet file name`);
        }
        const { checkWritable } = await import("../../node/write/checkWritable.js");
        full = await checkWritable(args.out, io.cwd, "--out");
      }
      const { x, y } = task.sample(n, seed);
      const names = [
        ...Array.from({ length: x.cols }, (_, j) => `x${j}`),
        ...Array.from({ length: y.cols }, (_, j) => `y${j}`),
      ];
      const cols = x.cols + y.cols;
      const data = new Float64Array(n * cols);
      for (let r = 0; r < n; r++) {
        data.set(x.data.subarray(r * x.cols, (r + 1) * x.cols), r * cols);
        data.set(y.data.subarray(r * y.cols, (r + 1) * y.cols), r * cols + x.cols);
      }
      const { encodeCsv } = await import("../../node/write/encodeCsv.js");
      if (full === undefined) {
        io.out(encodeCsv(names, data, n));
      } else {
        const { writeFileOrFail } = await import("../../node/write/writeFileOrFail.js");
        let bytes: string | Uint8Array;
        if (ext === ".npy") bytes = (await import("../../node/write/encodeNpy.js")).encodeNpy(data, n, cols);
        else if (ext === ".parquet")
          bytes = await (await import("../../node/write/encodeParquet.js")).encodeParquet(names, data, n);
        else bytes = encodeCsv(names, data, n, ext === ".tsv" ? "\t" : ",");
        await writeFileOrFail(full, bytes, "--out");
      }
      const selection =
        ext === ".npy"
          ? { x: `0..${x.cols - 1}`, y: `${x.cols}..${cols - 1}` }
          : { x: x.cols === 1 ? "x0" : `x0..x${x.cols - 1}`, y: y.cols === 1 ? "y0" : `y0..y${y.cols - 1}` };
      if (args.json && full !== undefined) {
        const record = {
          schemaVersion: 1,
          task: task.name,
          trueMI: task.trueMI,
          trueMIBits: task.trueMI / Math.LN2,
          n,
          seed,
          file: args.out,
          columns: selection,
        };
        io.out(`${JSON.stringify(record, null, 2)}\n`);
      } else if (!args.quiet && full !== undefined) {
        io.err(
          `wrote ${n} rows of ${task.name} (true MI ${task.trueMI.toFixed(4)} nats) to ${args.out}: X = ${selection.x}, Y = ${selection.y}\n`,
        );
      }
      return 0;
    },
  });

export default sampleCommand;
