import { InfonceError } from "../errors.js";
import { createJob, type ManyJob, type PairJobOptions, pairSettingsOf, runAllTiles } from "./many-job.js";
import type { ColumnTable, PairResult, PairSettings } from "./many-types.js";
import { columnIndex, resolveVariables, type VariableSpec } from "./resolve-variables.js";

/** One feature of a ranking: its pair's result (MI with the target, nats), named. */
export interface RankedFeature extends Omit<PairResult, "pair"> {
  readonly name: string;
}

/** Features sorted by their MI with the target, largest first. */
export interface RankResult {
  readonly target: string;
  readonly features: readonly RankedFeature[];
  readonly n: number;
  readonly settings: PairSettings;
}

export interface RankOptions extends PairJobOptions {
  /** The features: column names or named groups; default every column but the target. */
  readonly features?: readonly VariableSpec[];
}

/** The job of a ranking: pair p is (feature p, target). */
export function planRank(table: ColumnTable, target: string, options: RankOptions = {}): ManyJob {
  const t = columnIndex(table, target, "target");
  const specs = options.features ?? table.names.filter((_, i) => i !== t);
  if (specs.length === 0) throw new InfonceError("E_ARG", "nothing to rank: the table has no column but the target");
  const features = resolveVariables(table, specs, "features");
  if (features.some((f) => f.columns.includes(t))) {
    throw new InfonceError("E_ARG", `the target '${target}' is also among the features; leave it out of them`);
  }
  const variables = [...features, { name: target, columns: [t] }];
  const pairs: number[] = [];
  for (let f = 0; f < features.length; f++) pairs.push(f, features.length);
  return createJob(table, "rank", variables, pairs, pairSettingsOf(options), features.length);
}

/** The ranking from every pair's result (from one process or merged parts): sorted by estimate, ties by name. */
export function assembleRank(job: ManyJob, results: readonly PairResult[]): RankResult {
  const target = job.variables[job.target as number];
  const features = results.map(
    (r): RankedFeature => ({
      name: job.variables[job.pairs[2 * r.pair] as number]?.name ?? String(r.pair),
      estimate: r.estimate,
      stderr: r.stderr,
      ci95: r.ci95,
      estimator: r.estimator,
      warnings: r.warnings,
    }),
  );
  features.sort((a, b) => b.estimate - a.estimate || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { target: target?.name ?? "", features, n: job.rows, settings: job.settings };
}

/**
 * MI of each feature (a column, or a named group of columns) with the target, each with its interval, sorted
 * largest first: scikit-learn's `mutual_info_regression`/`mutual_info_classif` with intervals, groups and the
 * auto rules per feature (categorical target → discrete or Ross's estimator). With `estimator: "ksg"` and k = 3
 * the values are KSG estimator 1 on standardised columns, which is what scikit-learn computes (it adds 1e-10
 * noise and clips at 0; docs/cli.md, "rank").
 *
 * @param target the target column's name
 */
export async function rankFeatures(table: ColumnTable, target: string, options: RankOptions = {}): Promise<RankResult> {
  const job = planRank(table, target, options);
  return assembleRank(job, await runAllTiles(table, job, options));
}
