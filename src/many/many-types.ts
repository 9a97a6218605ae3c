/**
 * The vocabulary of many-variable work (feature ranking, MI matrices, their shards and parts). Imports nothing.
 */

/**
 * A table held by column: column c is `columns[c]`, `rows` values, float64, every value finite (readers see to
 * that). A categorical column holds codes 0…m−1 of the labels `categories[c]`; undefined for a numeric column.
 */
export interface ColumnTable {
  readonly rows: number;
  readonly names: readonly string[];
  readonly columns: readonly Float64Array[];
  readonly categories?: readonly (readonly string[] | undefined)[];
}

/** A variable of a ranking or a matrix: one column, or a named group of columns treated as one vector. */
export interface Variable {
  readonly name: string;
  /** Column indices into the table. */
  readonly columns: readonly number[];
}

/** The MI of one pair of variables, as every pair of a rank or matrix run reports it. */
export interface PairResult {
  /** Index of the pair in the run's pair list. */
  readonly pair: number;
  /** Point estimate, nats. */
  readonly estimate: number;
  readonly stderr: number;
  readonly ci95: readonly [number, number];
  /** The estimator that ran (auto's choice when auto chose). */
  readonly estimator: string;
  readonly warnings: readonly string[];
}

/** Which share of the work one process computes: tiles t with t mod count = index. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** How every pair is estimated: the same for all pairs and all shards of a run. */
export interface PairSettings {
  /** Estimator name (ESTIMATORS), default "auto". */
  readonly estimator: string;
  /** Estimator settings (k, copula, replicates, …). */
  readonly settings: Readonly<Record<string, unknown>>;
  readonly seed: number;
}
