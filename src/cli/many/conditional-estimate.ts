import { CMI_ESTIMATORS } from "../../cmi/auto-cmi.js";
import type { CmiEstimator, ConditionalSample } from "../../cmi/cmi-types.js";
import { InfonceError } from "../../errors.js";
import type { EstimateOptions, Matrix } from "../../types.js";
import { estimateJson } from "../estimate-json.js";
import { EXIT_INTERRUPTED } from "../exit-codes.js";
import { formatEstimate } from "../format-estimate.js";
import type { CliIO } from "../io.js";
import type { OutputPaths } from "../outputs.js";
import { createProgress } from "../progress.js";
import type { InputFlags } from "../read-args.js";
import { readManyTable } from "./run-many.js";

/** `--estimator ksg|gaussian|discrete` with --z means their conditional forms. */
const ALIASES: Readonly<Record<string, string>> = {
  ksg: "ksg-cmi",
  gaussian: "gaussian-cmi",
  discrete: "discrete-cmi",
};

/** The conditional-MI estimator a name means (E_UNKNOWN listing them otherwise). */
export function findCmiEstimator(name: string): CmiEstimator {
  const e = CMI_ESTIMATORS[ALIASES[name] ?? name];
  if (e !== undefined) return e;
  throw new InfonceError(
    "E_UNKNOWN",
    `--estimator '${name}' has no conditional form; with --z use one of: ${Object.keys(CMI_ESTIMATORS).join(", ")} (ksg, gaussian and discrete mean their -cmi forms)`,
  );
}

/**
 * `infonce estimate FILE --x … --y … --z …`: the conditional MI I(X;Y|Z), printed and written as `estimate` does
 * for I(X;Y), with the Z columns in `conditionedOn`.
 */
export async function runConditionalEstimate(
  io: CliIO,
  request: {
    readonly input: InputFlags;
    readonly z: string;
    readonly estimator: string;
    readonly options: EstimateOptions;
    readonly json: boolean;
    readonly quiet: boolean;
    readonly outputs: OutputPaths;
    readonly command: string;
  },
): Promise<number> {
  const { input, z } = request;
  const estimator = findCmiEstimator(request.estimator);
  if (input.files.length !== 1) throw new InfonceError("E_ARG", "--z reads X, Y and Z from one file; give one FILE");
  if (input.x === undefined || input.y === undefined) {
    throw new InfonceError("E_ARG", "--z needs --x and --y too: I(X;Y|Z) of three column groups of FILE");
  }
  const file = input.files[0] as string;
  const { selectColumns } = await import("../../node/read/select-columns.js");
  const groups: number[][] = [];
  const { table, source, warnings } = await readManyTable(io, input, (columns) => {
    for (const [flag, sel] of [
      ["--x", input.x as string],
      ["--y", input.y as string],
      ["--z", z],
    ] as const) {
      groups.push(selectColumns(sel, columns, `${file} ${flag}`));
    }
    const all = groups.flat();
    const twice = all.find((c, i) => all.indexOf(c) !== i);
    if (twice !== undefined) {
      throw new InfonceError(
        "E_ARG",
        `${file}: column '${columns[twice]?.name}' is in two of --x, --y, --z; use it once`,
      );
    }
    return all;
  });
  if (!request.quiet) for (const w of warnings) io.err(`infonce: warning: ${w}\n`);
  // The table holds the selected columns in order: X's, then Y's, then Z's.
  let next = 0;
  const side = (cols: number): { m: Matrix<Float64Array>; names: string[] } => {
    const idx = Array.from({ length: cols }, (_, j) => next + j);
    next += cols;
    const data = new Float64Array(table.rows * cols);
    idx.forEach((c, j) => {
      const col = table.columns[c] as Float64Array;
      for (let i = 0; i < table.rows; i++) data[i * cols + j] = col[i] as number;
    });
    return { m: { rows: table.rows, cols, data }, names: idx.map((c) => table.names[c] as string) };
  };
  const [x, y, zz] = groups.map((g) => side(g.length)) as [
    ReturnType<typeof side>,
    ReturnType<typeof side>,
    ReturnType<typeof side>,
  ];
  const sample: ConditionalSample = { x: x.m, y: y.m, z: zz.m };
  const progress = createProgress(io, { quiet: request.quiet });
  let result: Awaited<ReturnType<CmiEstimator["estimate"]>>;
  try {
    result = await estimator.estimate(sample, { ...request.options, onProgress: progress.onProgress, stop: io.stop });
  } finally {
    progress.finish();
  }
  const summary = {
    files: input.files,
    x: { columns: x.names },
    y: { columns: y.names },
    setAside: [],
    details: source,
  };
  const json = { ...estimateJson(result, summary, result.warnings), conditionedOn: zz.names };
  if (request.json) io.out(`${JSON.stringify(json, null, 2)}\n`);
  else io.out(`I(X;Y|Z), conditioned on ${zz.names.join(", ")}\n${formatEstimate(json)}`);
  const { writeEstimateOutputs } = await import("../write-estimate-outputs.js");
  await writeEstimateOutputs(json, request.outputs, request.command);
  return json.partial ? EXIT_INTERRUPTED : 0;
}
