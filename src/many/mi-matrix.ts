import { InfonceError } from "../errors.js";
import { categoricalColumns, encodeRows } from "../estimators/categorical.js";
import { discreteTerms } from "../estimators/discrete.js";
import { createJob, type ManyJob, type PairJobOptions, pairSettingsOf, runAllTiles } from "./many-job.js";
import type { ColumnTable, PairResult, PairSettings, Variable } from "./many-types.js";
import { informationCoefficient, type MiNormalization, minEntropyRatio } from "./normalize-mi.js";
import { pairedSample } from "./pair-evaluator.js";
import { resolveVariables, type VariableSpec } from "./resolve-variables.js";

/** The symmetric all-pairs MI matrix of some variables. Diagonal entries are null (I(X;X) = H(X): not an MI). */
export interface MiMatrix {
  readonly names: readonly string[];
  readonly n: number;
  readonly settings: PairSettings;
  readonly normalization: MiNormalization;
  /** mi[i][j] = mi[j][i], nats; null on the diagonal. */
  readonly mi: readonly (readonly (number | null)[])[];
  readonly ci95Low: readonly (readonly (number | null)[])[];
  readonly ci95High: readonly (readonly (number | null)[])[];
  /** The normalised matrix (and its interval ends mapped alike), when a normalisation was asked. */
  readonly normalized?: readonly (readonly (number | null)[])[];
  /** How many pairs each estimator computed (auto chooses per pair). */
  readonly estimators: Readonly<Record<string, number>>;
  readonly warnings: readonly string[];
}

export interface MatrixOptions extends PairJobOptions {
  /** The variables: column names or named groups; default every column. */
  readonly variables?: readonly VariableSpec[];
  readonly normalization?: MiNormalization;
}

/** A matrix job: pairs (i, j), i < j, row by row; with min-entropy, the plug-in entropy of every variable. */
export function planMatrix(table: ColumnTable, options: MatrixOptions = {}): ManyJob & { entropies?: number[] } {
  const variables = resolveVariables(table, options.variables ?? table.names, "columns");
  if (variables.length < 2) {
    throw new InfonceError("E_ARG", `a matrix needs at least two variables, got ${variables.length}`);
  }
  const pairs: number[] = [];
  for (let i = 0; i < variables.length; i++) for (let j = i + 1; j < variables.length; j++) pairs.push(i, j);
  const job = createJob(table, "matrix", variables, pairs, pairSettingsOf(options));
  if (options.normalization !== "min-entropy") return job;
  return { ...job, entropies: variables.map((v) => discreteEntropy(table, v)) };
}

/** Plug-in entropy (nats) of a categorical variable: its MI with itself, H(X) = I(X;X), by `discreteTerms`. */
function discreteEntropy(table: ColumnTable, v: Variable): number {
  const m = pairedSample(table, v, v).x;
  const labelled = v.columns.every((c) => table.categories?.[c] !== undefined);
  if (!labelled && !categoricalColumns(m).every(Boolean)) {
    throw new InfonceError(
      "E_ARG",
      `min-entropy normalisation needs categorical variables, and '${v.name}' is continuous (its entropy is not defined by counts); use --normalize ic`,
    );
  }
  const { codes, levels } = encodeRows(m);
  return discreteTerms(codes, codes, levels, levels).plugin;
}

/** The matrix from every pair's result (one process or merged parts). */
export function assembleMatrix(
  job: ManyJob & { entropies?: readonly number[] },
  results: readonly PairResult[],
  normalization: MiNormalization = "none",
): MiMatrix {
  const m = job.variables.length;
  const grid = (): (number | null)[][] => Array.from({ length: m }, () => new Array<number | null>(m).fill(null));
  const mi = grid();
  const lo = grid();
  const hi = grid();
  const norm = grid();
  const estimators: Record<string, number> = {};
  const warnings: string[] = [];
  const num = (v: number): number | null => (Number.isNaN(v) ? null : v);
  for (const r of results) {
    const i = job.pairs[2 * r.pair] as number;
    const j = job.pairs[2 * r.pair + 1] as number;
    for (const [a, b] of [
      [i, j],
      [j, i],
    ] as const) {
      (mi[a] as (number | null)[])[b] = num(r.estimate);
      (lo[a] as (number | null)[])[b] = num(r.ci95[0]);
      (hi[a] as (number | null)[])[b] = num(r.ci95[1]);
      (norm[a] as (number | null)[])[b] = num(normalize(r.estimate, normalization, job.entropies, i, j));
    }
    estimators[r.estimator] = (estimators[r.estimator] ?? 0) + 1;
    for (const w of r.warnings) {
      if (warnings.length < 20) warnings.push(`${job.variables[i]?.name} × ${job.variables[j]?.name}: ${w}`);
    }
  }
  return {
    names: job.variables.map((v) => v.name),
    n: job.rows,
    settings: job.settings,
    normalization,
    mi,
    ci95Low: lo,
    ci95High: hi,
    ...(normalization === "none" ? {} : { normalized: norm }),
    estimators,
    warnings,
  };
}

function normalize(
  v: number,
  how: MiNormalization,
  entropies: readonly number[] | undefined,
  i: number,
  j: number,
): number {
  if (how === "ic") return informationCoefficient(v);
  if (how === "min-entropy") {
    if (entropies === undefined) throw new InfonceError("E_INTERNAL", "min-entropy without entropies");
    return minEntropyRatio(v, entropies[i] as number, entropies[j] as number);
  }
  return v;
}

/**
 * The symmetric all-pairs MI matrix of a table's columns (or column groups), each entry with its interval, and
 * optionally normalised: the network-inference input of ARACNe and R's minet, with intervals.
 */
export async function miMatrix(table: ColumnTable, options: MatrixOptions = {}): Promise<MiMatrix> {
  const job = planMatrix(table, options);
  return assembleMatrix(job, await runAllTiles(table, job, options), options.normalization ?? "none");
}
