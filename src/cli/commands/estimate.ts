import type { EstimateOptions, Estimator } from "../../types.js";
import { COMMON_ARGS, INPUT_ARGS, intArg, PLOT_ARGS } from "../common-args.js";
import { defineCliCommand } from "../define-cli-command.js";
import { estimateJson, type InputSummary } from "../estimate-json.js";
import { EXIT_INTERRUPTED } from "../exit-codes.js";
import { formatEstimate } from "../format-estimate.js";
import type { CliIO } from "../io.js";
import { checkOutputs } from "../outputs.js";
import { createProgress } from "../progress.js";
import { inputFlags, readInput } from "../read-args.js";
import { SETTING_ARGS, settingsFromArgs } from "../setting-args.js";
import { estimatorNames, findEstimator } from "./find-estimator.js";
import type { CommandFactory } from "./index.js";

/** `infonce estimate FILE [YFILE]`: MI between two column groups of a file (or two files). */
const estimateCommand: CommandFactory = (io: CliIO) =>
  defineCliCommand({
    meta: { name: "estimate", description: "Estimate the mutual information I(X;Y) between two groups of columns" },
    args: {
      file: { type: "positional", description: "Data file (CSV/TSV/NPY/Parquet/JSONL) or - for stdin", required: true },
      yfile: { type: "positional", description: "Optional second file holding Y (then FILE holds X)", required: false },
      ...INPUT_ARGS,
      z: {
        type: "string",
        description: "Condition on these columns: the conditional MI I(X;Y|Z) (same syntax as --x)",
      },
      estimator: {
        type: "string",
        alias: "e",
        description: `Estimator: ${estimatorNames()}`,
        default: "auto",
      },
      ...SETTING_ARGS,
      ...COMMON_ARGS,
      ...PLOT_ARGS,
    },
    async run({ args, rawArgs }) {
      const seed = intArg(args.seed, "seed", 0, 2 ** 32 - 1) ?? 0;
      const settings = settingsFromArgs(args, rawArgs);
      const batch = intArg(args.batch, "batch", 2); // only --batch itself asks the reader for K rows
      const input = inputFlags(args);
      const outputs = await checkOutputs(args, io.cwd);

      if (typeof args.z === "string") {
        const { runConditionalEstimate } = await import("../many/conditional-estimate.js");
        return runConditionalEstimate(io, {
          input,
          z: args.z,
          estimator: String(args.estimator),
          options: { ...settings, seed },
          json: args.json === true,
          quiet: args.quiet === true,
          outputs,
          command: `infonce estimate ${rawArgs.join(" ")}`,
        });
      }
      const estimator: Estimator = findEstimator(String(args.estimator));
      const read = await readInput(
        io,
        input,
        batch === undefined ? undefined : { rows: batch, reason: `--batch ${batch}` },
      );
      if (!args.quiet && !args.json) {
        for (const w of read.warnings) io.err(`infonce: warning: ${w}\n`);
      }

      const progress = createProgress(io, { quiet: args.quiet === true });
      // KSG's counts and replicates, and the classifier's folds, on every core (workers start only if used).
      const { createKsgThreads } = await import("../../node/ksg-threads.js");
      const { createFoldThreads } = await import("../../node/classifier-fold-threads.js");
      const ksgPool = createKsgThreads();
      const foldPool = createFoldThreads();
      const options: EstimateOptions = {
        ...settings,
        seed,
        onProgress: progress.onProgress,
        stop: io.stop,
        ksgPool,
        foldPool,
      };
      let result: Awaited<ReturnType<Estimator["estimate"]>>;
      try {
        result = await estimator.estimate(read.sample, options);
      } finally {
        progress.finish();
        await Promise.all([ksgPool.close(), foldPool.close()]);
      }
      const summary: InputSummary = {
        files: input.files,
        x: { columns: read.xColumns.map((c) => c.name) },
        y: { columns: read.yColumns.map((c) => c.name) },
        setAside: read.setAside,
        details: read.source,
      };
      const json = estimateJson(result, summary, [...read.warnings, ...result.warnings]);
      io.out(args.json ? `${JSON.stringify(json, null, 2)}\n` : formatEstimate(json));
      const { writeEstimateOutputs } = await import("../write-estimate-outputs.js");
      await writeEstimateOutputs(json, outputs, `infonce estimate ${rawArgs.join(" ")}`);
      return json.partial ? EXIT_INTERRUPTED : 0;
    },
  });

export default estimateCommand;
