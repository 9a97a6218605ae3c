import { InfonceError } from "../../errors.js";
import { assembleRank, planRank } from "../../many/rank-features.js";
import { COMMON_ARGS, FILE_ARGS } from "../common-args.js";
import { defineCliCommand } from "../define-cli-command.js";
import { EXIT_INTERRUPTED } from "../exit-codes.js";
import type { CliIO } from "../io.js";
import { MANY_ARGS } from "../many/many-args.js";
import { checkManyOutputs, checkQueueFlag, readManyFlags } from "../many/many-flags.js";
import { presentRank } from "../many/present-rank.js";
import { defaultManyColumns, planAfterRead, readManyTable, runOrWritePart } from "../many/run-many.js";
import { inputFlags } from "../read-args.js";
import type { CommandFactory } from "./index.js";

/** `infonce rank FILE --target COL`: every feature's MI with the target, with intervals, sorted. */
const rankCommand: CommandFactory = (io: CliIO) =>
  defineCliCommand({
    meta: { name: "rank", description: "Rank features by their mutual information with a target column" },
    args: {
      file: { type: "positional", description: "Data file (CSV/TSV/NPY/Parquet/JSONL) or - for stdin", required: true },
      target: { type: "string", alias: "t", description: "The target column", required: true },
      x: { type: "string", description: "Feature columns (default: all but the target); same syntax as estimate --x" },
      group: {
        type: "string",
        description: "A feature made of several columns, repeatable: --group name=selector",
        valueHint: "name=cols",
      },
      ...FILE_ARGS,
      ...MANY_ARGS,
      ...COMMON_ARGS,
      plot: {
        type: "string",
        description: "Write a bar chart of the ranking with intervals: .svg, .png or .json (Vega-Lite spec)",
      },
    },
    async run({ args, rawArgs }) {
      const { settings, run } = readManyFlags(args, rawArgs);
      const input = inputFlags(args);
      const outputs = await checkManyOutputs(io, args, run);
      await checkQueueFlag(run);
      const target = String(args.target);
      const groups = groupArgs(rawArgs);
      const { selectColumns } = await import("../../node/read/select-columns.js");
      const file = input.files[0] as string;
      const notes: string[] = [];
      let featureNames: string[] | undefined;
      let targetName = target;
      let groupSpecs: { name: string; columns: string[] }[] = [];
      const read = await readManyTable(
        io,
        input,
        (columns) => {
          const t = selectColumns(target, columns, `${file} --target`);
          if (t.length !== 1) {
            throw new InfonceError("E_ARG", `--target names one column; '${target}' selects ${t.length}`);
          }
          const tIndex = t[0] as number;
          targetName = columns[tIndex]?.name ?? target;
          groupSpecs = groups.map((g) => ({
            name: g.name,
            columns: selectColumns(g.selector, columns, `${file} --group ${g.name}`).map((i) => columns[i]?.name ?? ""),
          }));
          const grouped = new Set(groupSpecs.flatMap((g) => g.columns));
          let features: number[];
          if (typeof args.x === "string") features = selectColumns(args.x, columns, `${file} --x`);
          else if (groups.length > 0) features = [];
          else features = defaultManyColumns(columns, [tIndex], "--x", notes);
          features = features.filter((i) => !grouped.has(columns[i]?.name ?? ""));
          featureNames = features.map((i) => columns[i]?.name ?? "");
          const groupIdx = groupSpecs.flatMap((g) => g.columns.map((n) => columns.findIndex((c) => c.name === n)));
          return [...new Set([tIndex, ...features, ...groupIdx])];
        },
        { protect: (name) => name === targetName || groupSpecs.some((g) => g.columns.includes(name)) },
      );
      const { table, source } = read;
      const warnings = [...notes, ...read.warnings];
      // Features the reader set aside (constant, identifier, mostly empty: warned) are not ranked.
      const readNames = new Set(table.names);
      const asked = featureNames ?? [];
      featureNames = asked.filter((name) => readNames.has(name));
      if (asked.length > 0 && featureNames.length === 0 && groupSpecs.length === 0) {
        throw new InfonceError(
          "E_DATA",
          `${file}: no feature left to rank (${warnings.join("; ")}); select other columns with --x`,
        );
      }
      const job = planAfterRead(io, run.quiet, warnings, () =>
        planRank(table, targetName, {
          features: [...(featureNames ?? []), ...groupSpecs],
          estimator: settings.estimator,
          settings: settings.settings,
          seed: settings.seed,
        }),
      );
      const context = { input: { file, target: targetName, ...source }, readWarnings: warnings };
      const done = await runOrWritePart({ io, table, job, context, ...run, partOut: outputs.out });
      if (done === null) return 0;
      await presentRank(io, assembleRank(job, done.results), context, {
        json: args.json === true,
        partial: done.partial,
        ...(outputs.out === undefined ? {} : { out: outputs.out }),
        ...(outputs.plot === undefined ? {} : { plot: outputs.plot }),
      });
      return done.partial ? EXIT_INTERRUPTED : 0;
    },
  });

/** Every `--group name=selector` (repeatable; citty keeps only the last, so the raw arguments are read). */
function groupArgs(rawArgs: readonly string[]): { name: string; selector: string }[] {
  const out: { name: string; selector: string }[] = [];
  for (let i = 0; i < rawArgs.length; i++) {
    const a = rawArgs[i] as string;
    let kv: string | undefined;
    if (a === "--group") kv = rawArgs[++i];
    else if (a.startsWith("--group=")) kv = a.slice(8);
    else continue;
    const m = kv === undefined ? null : /^([^=]+)=(.+)$/.exec(kv);
    if (m === null)
      throw new InfonceError("E_ARG", `--group needs name=selector, like --group emb=emb_*; got '${kv ?? ""}'`);
    out.push({ name: (m[1] as string).trim(), selector: m[2] as string });
  }
  return out;
}

export default rankCommand;
