import { InfonceError } from "../../errors.js";
import { assembleMatrix, planMatrix } from "../../many/mi-matrix.js";
import { MI_NORMALIZATIONS } from "../../many/normalize-mi.js";
import { COMMON_ARGS, choiceArg, INPUT_ARGS, intArg } from "../common-args.js";
import { defineCliCommand } from "../define-cli-command.js";
import { EXIT_INTERRUPTED } from "../exit-codes.js";
import type { CliIO } from "../io.js";
import { importQueue } from "../many/import-queue.js";
import { MANY_ARGS, pairSettingsFromArgs, parseShard } from "../many/many-args.js";
import { presentMatrix } from "../many/present-matrix.js";
import { planAfterRead, readManyTable, runOrWritePart } from "../many/run-many.js";
import { checkOutputs } from "../outputs.js";
import { inputFlags } from "../read-args.js";
import type { CommandFactory } from "./index.js";

/** `infonce matrix FILE`: the symmetric all-pairs MI matrix of the selected columns. */
const matrixCommand: CommandFactory = (io: CliIO) =>
  defineCliCommand({
    meta: { name: "matrix", description: "The all-pairs mutual-information matrix of a table's columns" },
    args: {
      file: { type: "positional", description: "Data file (CSV/TSV/NPY/Parquet/JSONL) or - for stdin", required: true },
      columns: { type: "string", description: "Columns (default: all); same syntax as estimate --x" },
      normalize: { type: "string", description: `Also give a normalised matrix: ${MI_NORMALIZATIONS.join(" | ")}` },
      format: INPUT_ARGS.format,
      delimiter: INPUT_ARGS.delimiter,
      header: INPUT_ARGS.header,
      missing: INPUT_ARGS.missing,
      "na-values": INPUT_ARGS["na-values"],
      ...MANY_ARGS,
      ...COMMON_ARGS,
      csv: { type: "string", description: "Write the pairs as CSV (a, b, mi, ci95_low, ci95_high[, normalised])" },
      plot: { type: "string", description: "Write a heatmap: .svg or .png" },
    },
    async run({ args, rawArgs }) {
      const settings = pairSettingsFromArgs(args, rawArgs);
      const shard = parseShard(args.shard);
      const threads = intArg(args.threads, "threads", 1);
      const normalization = choiceArg(args.normalize, "normalize", MI_NORMALIZATIONS) ?? "none";
      const input = inputFlags(args);
      if (shard !== undefined && typeof args.out !== "string") {
        throw new InfonceError("E_ARG", "--shard writes a part: give --out part-i.json (then infonce merge parts…)");
      }
      const outputs = await checkOutputs({ out: args.out, plot: shard === undefined ? args.plot : undefined }, io.cwd);
      let csv: string | undefined;
      if (typeof args.csv === "string" && shard === undefined) {
        const { checkWritable } = await import("../../node/write/check-writable.js");
        csv = await checkWritable(args.csv, io.cwd, "--csv");
      }
      if (typeof args.queue === "string") {
        const { checkQueue } = await importQueue(() => import("../../node/many/queue-connection.js"));
        await checkQueue(args.queue);
      }
      const { selectColumns } = await import("../../node/read/select-columns.js");
      const file = input.files[0] as string;
      const { table, source, warnings } = await readManyTable(io, input, (columns) =>
        typeof args.columns === "string"
          ? selectColumns(args.columns, columns, `${file} --columns`)
          : columns.map((_, i) => i),
      );
      const job = planAfterRead(io, args.quiet === true, warnings, () =>
        planMatrix(table, {
          estimator: settings.estimator,
          settings: settings.settings,
          seed: settings.seed,
          normalization,
        }),
      );
      const context = { input: { file, ...source }, normalization };
      const run = await runOrWritePart({
        io,
        table,
        job,
        context,
        quiet: args.quiet === true,
        ...(shard === undefined ? {} : { shard }),
        ...(typeof args.queue === "string" ? { queue: args.queue } : {}),
        ...(threads === undefined ? {} : { threads }),
        ...(outputs.out === undefined ? {} : { partOut: outputs.out }),
      });
      if (run === null) return 0;
      await presentMatrix(io, assembleMatrix(job, run.results, normalization), context, {
        json: args.json === true,
        partial: run.partial,
        ...(outputs.out === undefined ? {} : { out: outputs.out }),
        ...(csv === undefined ? {} : { csv }),
        ...(outputs.plot === undefined ? {} : { plot: outputs.plot }),
      });
      return run.partial ? EXIT_INTERRUPTED : 0;
    },
  });

export default matrixCommand;
