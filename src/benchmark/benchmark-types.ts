import type { Estimate, EstimateOptions, PairedSample, SettingSpecs, StopSignal } from "../types.js";

/**
 * What the runner needs of an estimator of samples S: an MI `Estimator` (S = PairedSample) is one, and so is a
 * conditional-MI estimator (S = ConditionalSample) with its kind.
 */
export interface BenchmarkEstimator<S> {
  readonly name: string;
  readonly kind: "neural" | "classical";
  /** Its settings' descriptor, when it has one (Estimator.settings): options given to a group go where they belong. */
  readonly settings?: SettingSpecs;
  estimate(sample: S, options?: EstimateOptions): Promise<Estimate>;
}

/**
 * What the runner needs of a ground-truth task drawing samples S: an MI `Task` is one; a conditional-MI task is one
 * with its exact I(X;Y|Z) as `trueMI` (cmiBenchmarkTask).
 */
export interface BenchmarkTask<S> {
  readonly name: string;
  /** The exact value the estimates are compared with, nats. */
  readonly trueMI: number;
  /** For a real table: the range the exact value is known to lie in (estimates inside it have error 0). */
  readonly truthRange?: readonly [number, number];
  sample(n: number, seed: number): S;
}

/** What to run: every estimator on every task with every seed, on samples of size n. */
export interface BenchmarkOptions<S = PairedSample> {
  readonly estimators: readonly BenchmarkEstimator<S>[];
  readonly tasks: readonly BenchmarkTask<S>[];
  /** Seeds: the sample of (task, seed) is drawn once with this seed and shared by every estimator, which also gets it. */
  readonly seeds: readonly number[];
  /** Sample size per run (bmi's protocol: 5,000). */
  readonly n: number;
  /** Settings per estimator name, passed to `estimate` (the runner adds `seed` and `stop`). */
  readonly estimatorOptions?: Readonly<Record<string, EstimateOptions>>;
  /** Called after every run with the finished row. */
  readonly onProgress?: (event: BenchmarkProgress) => void;
  /** Checked between runs (and passed to estimators): when set, the result is returned with `partial: true`. */
  readonly stop?: StopSignal;
  /** Clock in milliseconds (default performance.now), injectable for tests. */
  readonly now?: () => number;
  /**
   * Run only share `index` of `count`: run k (in task, seed, estimator order) when k ≡ index (mod count). The rows
   * are then those of the whole sweep at those positions, so the shares of every index join into its table.
   */
  readonly shard?: { readonly index: number; readonly count: number };
}

export interface BenchmarkProgress {
  /** Runs finished so far (ok or failed) and in total. */
  readonly done: number;
  readonly total: number;
  readonly row: BenchmarkRow;
}

/** One estimator on one task with one seed. A run that threw is a row with status "failed" and the error message. */
export interface BenchmarkRow {
  readonly estimator: string;
  readonly kind: "neural" | "classical";
  readonly task: string;
  readonly seed: number;
  readonly n: number;
  /** Exact MI of the task, nats. */
  readonly truth: number;
  /** Point estimate, nats (NaN when failed). */
  readonly estimate: number;
  /** estimate − truth (signed), nats; for a task with a truth range, the signed distance from it (0 inside). */
  readonly error: number;
  /** 95% interval of the estimator, or null when failed. */
  readonly ci95: readonly [number, number] | null;
  /** Whether ci95 contains the truth (null when failed or when the interval is not finite). */
  readonly covered: boolean | null;
  /** Wall time of the estimate call, seconds (sampling excluded). */
  readonly seconds: number;
  readonly status: "ok" | "failed";
  /** The error for failed runs ("E_DATA: …"), else the estimator's warnings joined, or "". */
  readonly message: string;
  /** log K of the evaluation batch (InfoNCE-type estimators), else null. */
  readonly logK: number | null;
  /** The estimator flagged saturation (InfoNCE limited by its batch: near log K, or still rising with K). */
  readonly saturated: boolean;
  /** The estimator `auto` ran (its settings.choice), for auto's rows. */
  readonly choice?: string;
}

/** Aggregate of the runs of one estimator on one task. */
export interface BenchmarkSummary {
  readonly estimator: string;
  readonly kind: "neural" | "classical";
  readonly task: string;
  readonly truth: number;
  readonly runs: number;
  readonly failed: number;
  /** Mean and sd of the estimates of the successful runs (NaN when none; sd NaN for one run). */
  readonly meanEstimate: number;
  readonly sdEstimate: number;
  /** Mean signed error (bias) and mean absolute error, nats. */
  readonly meanError: number;
  readonly meanAbsError: number;
  /** meanAbsError / truth; null when the truth is 0 (read meanAbsError instead). */
  readonly relativeError: number | null;
  /** Share of successful runs whose 95% interval contains the truth (null when no run had an interval). */
  readonly coverage: number | null;
  /** Share of successful runs flagged saturated. */
  readonly saturatedRate: number;
  /** Mean wall time per run, seconds (successful runs). */
  readonly meanSeconds: number;
  /** Distinct failure messages. */
  readonly failures: readonly string[];
  /** For auto's rows: the estimators it ran, each with its number of runs ("classifier ×3"), in first-seen order. */
  readonly choices: readonly string[];
}

export interface BenchmarkResult {
  readonly settings: {
    readonly n: number;
    readonly seeds: readonly number[];
    readonly estimators: readonly string[];
    readonly tasks: readonly string[];
    readonly estimatorOptions: Readonly<Record<string, EstimateOptions>>;
  };
  readonly rows: readonly BenchmarkRow[];
  readonly summary: readonly BenchmarkSummary[];
  /** Total wall time, seconds (sampling included). */
  readonly seconds: number;
  /** True when stopped before every run was done. */
  readonly partial: boolean;
}
