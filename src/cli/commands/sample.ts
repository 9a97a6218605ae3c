import { extname } from "node:path";
import { InfonceError } from "../../errors.js";
import { joinColumns } from "../../math/join-columns.js";
import { getTask } from "../../tasks/index.js";
import { intArg } from "../common-args.js";
import { defineCliCommand } from "../define-cli-command.js";
import type { CliIO } from "../io.js";
import type { CommandFactory } from "./index.js";

const WRITERS = [".csv", ".tsv", ".npy", ".parquet", ".jsonl"] as const;

async function encode(
  ext: string,
  names: readonly string[],
  data: Float64Array,
  rows: number,
): Promise<string | Uint8Array> {
  if (ext === ".npy") return (await import("../../node/write/encode-npy.js")).encodeNpy(data, rows, names.length);
  if (ext === ".parquet") return (await import("../../node/write/encode-parquet.js")).encodeParquet(names, data, rows);
  return (await import("../../node/write/encode-csv.js")).encodeCsv(names, data, rows, ext === ".tsv" ? "\t" : ",");
}

/**
 * `infonce sample TASK`: n seeded draws of a ground-truth task. Columns x0…, y0… (CSV/TSV/Parquet; CSV on stdout
 * without --out); one n×(dX+dY) array for NPY (X = columns 0..dX−1); JSONL lines {"x":[…],"y":[…]}; or X and Y
 * in two files with --y-out.
 */
const sampleCommand: CommandFactory = (io: CliIO) =>
  defineCliCommand({
    meta: {
      name: "sample",
      description: "Write a sample of a ground-truth task (known MI) to CSV, TSV, NPY, Parquet or JSONL",
    },
    args: {
      task: { type: "positional", description: "Task name (see infonce tasks)", required: true },
      n: { type: "string", description: "Number of rows", default: "1000" },
      seed: { type: "string", description: "Seed (same seed → same numbers)", default: "0" },
      out: { type: "string", description: "Output file: .csv .tsv .npy .parquet .jsonl (default: CSV on stdout)" },
      "y-out": { type: "string", description: "Write Y to this file and only X to --out (two-file layout)" },
      json: { type: "boolean", description: "Print what was written (task, true MI, columns) as JSON" },
      quiet: { type: "boolean", alias: "q", description: "No note on stderr" },
    },
    async run({ args }) {
      const n = intArg(args.n, "n", 1, 50_000_000) ?? 1000;
      const seed = intArg(args.seed, "seed", 0, 2 ** 32 - 1) ?? 0;
      const task = getTask(String(args.task));
      const yOut = typeof args["y-out"] === "string" ? args["y-out"] : undefined;
      if (yOut !== undefined && typeof args.out !== "string") {
        throw new InfonceError("E_ARG", "--y-out needs --out for the X file");
      }
      const { checkWritable } = await import("../../node/write/check-writable.js");
      const target = async (path: string, flag: string) => {
        const ext = extname(path).toLowerCase();
        if (!(WRITERS as readonly string[]).includes(ext) || (ext === ".jsonl" && yOut !== undefined)) {
          const allowed = yOut === undefined ? ".csv, .tsv, .npy, .parquet or .jsonl" : ".csv, .tsv, .npy or .parquet";
          throw new InfonceError("E_ARG", `${flag} ${path}: give a ${allowed} file name`);
        }
        return { ext, full: await checkWritable(path, io.cwd, flag) };
      };
      const out = typeof args.out === "string" ? await target(args.out, "--out") : undefined;
      const yTarget = yOut === undefined ? undefined : await target(yOut, "--y-out");

      const { x, y } = task.sample(n, seed);
      const xNames = Array.from({ length: x.cols }, (_, j) => `x${j}`);
      const yNames = Array.from({ length: y.cols }, (_, j) => `y${j}`);
      const { writeFileOrFail } = await import("../../node/write/write-file-or-fail.js");
      let selection: { x: string; y: string };
      const range = (names: string[]) => (names.length === 1 ? names[0]! : `${names[0]}..${names[names.length - 1]}`);
      if (out === undefined) {
        io.out((await encode(".csv", [...xNames, ...yNames], joinColumns(x, y).data, n)) as string);
        return 0;
      }
      if (yTarget !== undefined) {
        await writeFileOrFail(out.full, await encode(out.ext, xNames, x.data, n), "--out");
        await writeFileOrFail(yTarget.full, await encode(yTarget.ext, yNames, y.data, n), "--y-out");
        selection = { x: `all of ${args.out}`, y: `all of ${yOut}` };
      } else if (out.ext === ".jsonl") {
        const { encodeJsonl } = await import("../../node/write/encode-jsonl.js");
        await writeFileOrFail(out.full, encodeJsonl(x, y, n), "--out");
        selection = { x: "x", y: "y" };
      } else {
        await writeFileOrFail(
          out.full,
          await encode(out.ext, [...xNames, ...yNames], joinColumns(x, y).data, n),
          "--out",
        );
        selection =
          out.ext === ".npy"
            ? {
                x: x.cols === 1 ? "0" : `0..${x.cols - 1}`,
                y: y.cols === 1 ? String(x.cols) : `${x.cols}..${x.cols + y.cols - 1}`,
              }
            : { x: range(xNames), y: range(yNames) };
      }
      const record = {
        schemaVersion: 1,
        task: task.name,
        trueMI: task.trueMI,
        trueMIBits: task.trueMI / Math.LN2,
        n,
        seed,
        files: yOut === undefined ? [args.out] : [args.out, yOut],
        columns: selection,
      };
      if (args.json) io.out(`${JSON.stringify(record, null, 2)}\n`);
      else if (!args.quiet) {
        io.err(
          `wrote ${n} rows of ${task.name} (true MI ${task.trueMI.toFixed(4)} nats) to ${record.files.join(" and ")}: X = ${selection.x}, Y = ${selection.y}\n`,
        );
      }
      return 0;
    },
  });

export default sampleCommand;
