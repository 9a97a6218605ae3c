import { assembleMatrix, planMatrix } from "../../many/mi-matrix.js";
import { MI_NORMALIZATIONS } from "../../many/normalize-mi.js";
import { COMMON_ARGS, choiceArg, FILE_ARGS } from "../common-args.js";
import { defineCliCommand } from "../define-cli-command.js";
import { EXIT_INTERRUPTED } from "../exit-codes.js";
import type { CliIO } from "../io.js";
import { MANY_ARGS } from "../many/many-args.js";
import { checkManyOutputs, checkQueueFlag, readManyFlags } from "../many/many-flags.js";
import { presentMatrix } from "../many/present-matrix.js";
import { defaultManyColumns, planAfterRead, readManyTable, runOrWritePart } from "../many/run-many.js";
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
      ...FILE_ARGS,
      ...MANY_ARGS,
      ...COMMON_ARGS,
      csv: { type: "string", description: "Write the pairs as CSV (a, b, mi, ci95_low, ci95_high[, normalised])" },
      plot: { type: "string", description: "Write a heatmap: .svg, .png or .json (Vega-Lite spec)" },
    },
    async run({ args, rawArgs }) {
      const { settings, run } = readManyFlags(args, rawArgs);
      const normalization = choiceArg(args.normalize, "normalize", MI_NORMALIZATIONS) ?? "none";
      const input = inputFlags(args);
      const outputs = await checkManyOutputs(io, args, run);
      let csv: string | undefined;
      if (typeof args.csv === "string" && run.shard === undefined) {
        const { checkWritable } = await import("../../node/write/check-writable.js");
        csv = await checkWritable(args.csv, io.cwd, "--csv");
      }
      await checkQueueFlag(run);
      const { selectColumns } = await import("../../node/read/select-columns.js");
      const file = input.files[0] as string;
      const notes: string[] = [];
      const read = await readManyTable(
        io,
        input,
        (columns) =>
          typeof args.columns === "string"
            ? selectColumns(args.columns, columns, `${file} --columns`)
            : defaultManyColumns(columns, [], "--columns", notes),
        { protect: () => false },
      );
      const { table, source } = read;
      const warnings = [...notes, ...read.warnings];
      const job = planAfterRead(io, run.quiet, warnings, () =>
        planMatrix(table, {
          estimator: settings.estimator,
          settings: settings.settings,
          seed: settings.seed,
          normalization,
        }),
      );
      const context = { input: { file, ...source }, normalization, readWarnings: warnings };
      const done = await runOrWritePart({ io, table, job, context, ...run, partOut: outputs.out });
      if (done === null) return 0;
      await presentMatrix(io, assembleMatrix(job, done.results, normalization), context, {
        json: args.json === true,
        partial: done.partial,
        ...(outputs.out === undefined ? {} : { out: outputs.out }),
        ...(csv === undefined ? {} : { csv }),
        ...(outputs.plot === undefined ? {} : { plot: outputs.plot }),
      });
      return done.partial ? EXIT_INTERRUPTED : 0;
    },
  });

export default matrixCommand;
