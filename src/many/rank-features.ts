import { InfonceError } from "../errors.js";
import type { ProgressFn, StopSignal } from "../types.js";
import { createJob, type ManyJob, runTiles, tileCount } from "./many-job.js";
import type { ColumnTable, PairResult, PairSettings } from "./many-types.js";
import { columnIndex, resolveVariables, type VariableSpec } from "./resolve-variables.js";

/** One feature of a ranking. */
export interface RankedFeature {
  readonly name: string;
  /** MI with the target, nats. */
  readonly estimate: number;
  readonly stderr: number;
  readonly ci95: readonly [number, number];
  /** The estimator that ran for this feature (auto's choice). */
  readonly estimator: string;
  readonly warnings: readonly string[];
}

/** Features sorted by their MI with the target, largest first. */
export interface RankResult {
  readonly target: string;
  readonly features: readonly RankedFeature[];
  readonly n: number;
  readonly settings: PairSettings;
}

export interface RankOptions {
  /** The features: column names or named groups; default every column but the target. */
  readonly features?: readonly VariableSpec[];
  /** Estimator (ESTIMATORS name), default "auto": chosen per feature by the auto rules. */
  readonly estimator?: string;
  /** Estimator settings, e.g. { k: 3 }. */
  readonly settings?: Readonly<Record<string, unknown>>;
  readonly seed?: number;
  readonly onProgress?: ProgressFn;
  readonly stop?: StopSignal;
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
  const settings: PairSettings = {
    estimator: options.estimator ?? "auto",
    settings: options.settings ?? {},
    seed: options.seed ?? 0,
  };
  return createJob(table, "rank", variables, pairs, settings, features.length);
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
  const tiles = Array.from({ length: tileCount(job) }, (_, t) => t);
  const run = {
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.stop ? { stop: options.stop } : {}),
  };
  return assembleRank(job, await runTiles(table, job, tiles, run));
}
