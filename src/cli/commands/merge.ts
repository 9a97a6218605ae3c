import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { asBenchPart, isBenchPart, mergeBenchParts } from "../../benchmark/bench-part.js";
import { benchmarkJson, benchmarkMarkdown } from "../../benchmark/render-benchmark.js";
import { InfonceError } from "../../errors.js";
import { asPart, mergeParts } from "../../many/many-part.js";
import { assembleMatrix } from "../../many/mi-matrix.js";
import type { MiNormalization } from "../../many/normalize-mi.js";
import { assembleRank } from "../../many/rank-features.js";
import { COMMON_ARGS } from "../common-args.js";
import { defineCliCommand } from "../define-cli-command.js";
import type { CliIO } from "../io.js";
import { presentMatrix } from "../many/present-matrix.js";
import { presentRank } from "../many/present-rank.js";
import { checkOutputs } from "../outputs.js";
import type { CommandFactory } from "./index.js";

/** "shard i/N" when the head of a part's text, still readable when its tail is cut off, says which it is. */
function shardOf(text: string): string {
  const m = /"shard":\s*\{\s*"index":\s*(\d+),\s*"count":\s*(\d+)/.exec(text);
  return m === null ? "the shard that wrote it" : `shard ${m[1]}/${m[2]}`;
}

/** `infonce merge PARTS…`: joins the parts of a sharded rank or matrix run into its result. */
const mergeCommand: CommandFactory = (io: CliIO) =>
  defineCliCommand({
    meta: {
      name: "merge",
      description: "Join the parts of a sharded rank, matrix or bench run (--shard i/N) into its result",
    },
    args: {
      parts: { type: "positional", description: "The part files (JSON) of every shard", required: true },
      json: COMMON_ARGS.json,
      quiet: COMMON_ARGS.quiet,
      out: COMMON_ARGS.out,
      csv: { type: "string", description: "matrix: write the pairs as CSV" },
      plot: { type: "string", description: "Write the run's plot: .svg, .png or .json (Vega-Lite spec)" },
    },
    async run({ args }) {
      const files = (args._ as string[]).length > 0 ? (args._ as string[]) : [String(args.parts)];
      const outputs = await checkOutputs({ out: args.out, plot: args.plot }, io.cwd);
      let csv: string | undefined;
      if (typeof args.csv === "string") {
        const { checkWritable } = await import("../../node/write/check-writable.js");
        csv = await checkWritable(args.csv, io.cwd, "--csv");
      }
      const values: unknown[] = [];
      for (const f of files) {
        let text: string;
        try {
          text = await readFile(resolve(io.cwd, f), "utf8");
        } catch (e) {
          throw new InfonceError("E_IO", `${f}: cannot read this part (${(e as NodeJS.ErrnoException).code ?? e})`);
        }
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          throw new InfonceError("E_PARSE", `${f}: not complete JSON; it looks cut short, re-run ${shardOf(text)}`);
        }
        values.push(value);
      }
      if (values.some((v) => isBenchPart(v))) {
        if (csv !== undefined || outputs.plot !== undefined) {
          throw new InfonceError("E_ARG", "bench parts make a table: --csv and --plot are for rank and matrix parts");
        }
        const { result, context } = mergeBenchParts(values.map((v, i) => asBenchPart(v, files[i] as string)));
        const markdown = (): string =>
          benchmarkMarkdown(result, {
            command: String(context.command),
            ...(context.cmi === true ? { truthLabel: "true CMI" } : {}),
          });
        if (outputs.out !== undefined) {
          const { writeFileAtomic } = await import("../../node/write/write-atomic.js");
          const fileJson = outputs.out.toLowerCase().endsWith(".json");
          await writeFileAtomic(outputs.out, fileJson ? benchmarkJson(result) : markdown(), "--out");
        }
        if (args.json) io.out(benchmarkJson(result));
        else if (outputs.out === undefined) io.out(markdown());
        if (args.quiet !== true) {
          io.err(
            `infonce: merged ${values.length} bench parts into ${result.rows.length} runs; each run's seconds is its shard's own timing, the total is their sum\n`,
          );
        }
        return 0;
      }
      const parts = values.map((v, i) => asPart(v, files[i] as string));
      const { job, context, results } = mergeParts(parts);
      const common = {
        json: args.json === true,
        ...(outputs.out === undefined ? {} : { out: outputs.out }),
        ...(outputs.plot === undefined ? {} : { plot: outputs.plot }),
      };
      if (job.kind === "rank") await presentRank(io, assembleRank(job, results), context, common);
      else {
        const normalization = (context.normalization ?? "none") as MiNormalization;
        await presentMatrix(io, assembleMatrix(job, results, normalization), context, {
          ...common,
          ...(csv === undefined ? {} : { csv }),
        });
      }
      return 0;
    },
  });

export default mergeCommand;
