import { InfonceError, isInfonceError } from "../errors.js";
import { checkShard } from "../many/many-job.js";
import type { EstimateOptions, PairedSample } from "../types.js";
import { aggregateRows } from "./aggregate-rows.js";
import type {
  BenchmarkEstimator,
  BenchmarkOptions,
  BenchmarkResult,
  BenchmarkRow,
  BenchmarkTask,
} from "./benchmark-types.js";

function describeError(e: unknown): string {
  if (isInfonceError(e)) return `${e.code}: ${e.message}`;
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

function validate<S>(options: BenchmarkOptions<S>): void {
  const { estimators, tasks, seeds, n } = options;
  if (estimators.length === 0) throw new InfonceError("E_ARG", "estimators is empty; give at least one estimator");
  if (tasks.length === 0) throw new InfonceError("E_ARG", "tasks is empty; give at least one task");
  if (seeds.length === 0) throw new InfonceError("E_ARG", "seeds is empty; give at least one seed");
  if (!(Number.isInteger(n) && n >= 2))
    throw new InfonceError("E_ARG", `sample size n must be an integer ≥ 2, got ${n}`);
  if (options.shard !== undefined) checkShard(options.shard);
  for (const s of seeds) {
    if (!Number.isInteger(s)) throw new InfonceError("E_ARG", `seeds must be integers, got ${s}`);
  }
  const dup = (names: string[], what: string): void => {
    const seen = new Set<string>();
    for (const name of names) {
      if (seen.has(name)) throw new InfonceError("E_ARG", `${what} '${name}' is listed twice`);
      seen.add(name);
    }
  };
  dup(
    estimators.map((e) => e.name),
    "estimator",
  );
  dup(
    tasks.map((t) => t.name),
    "task",
  );
}

function failedRow<S>(
  e: BenchmarkEstimator<S>,
  task: BenchmarkTask<S>,
  seed: number,
  n: number,
  message: string,
  seconds: number,
): BenchmarkRow {
  return {
    estimator: e.name,
    kind: e.kind,
    task: task.name,
    seed,
    n,
    truth: task.trueMI,
    estimate: Number.NaN,
    error: Number.NaN,
    ci95: null,
    covered: null,
    seconds,
    status: "failed",
    message,
    logK: null,
    saturated: false,
  };
}

/**
 * Runs every estimator on every task and seed (the protocol of the bmi benchmark, Czyż et al. 2023): the sample of
 * (task, seed) is drawn once and shared by all estimators, which never see the truth; the runner joins estimate and
 * truth. A run that throws, or returns a non-finite estimate, becomes a row with status "failed" and its message —
 * the sweep goes on. When stopped, the run in progress is left out if the estimator returned only an estimate so far
 * (`partial`), and the result is marked partial. Runs are sequential and deterministic for given seeds (up to the measured times).
 * The same runner serves conditional-MI estimators on conditional-MI tasks (S = ConditionalSample).
 */
export async function runBenchmark<S = PairedSample>(options: BenchmarkOptions<S>): Promise<BenchmarkResult> {
  validate(options);
  const { estimators, tasks, seeds, n, onProgress, stop } = options;
  const now = options.now ?? (() => performance.now());
  const estimatorOptions = options.estimatorOptions ?? {};
  const shard = options.shard ?? { index: 0, count: 1 };
  const mine = (run: number): boolean => run % shard.count === shard.index;
  const all = estimators.length * tasks.length * seeds.length;
  let total = 0;
  for (let k = 0; k < all; k++) if (mine(k)) total++;
  let run = -1;
  const rows: BenchmarkRow[] = [];
  const start = now();
  let partial = false;

  outer: for (const task of tasks) {
    for (const seed of seeds) {
      if (stop?.stopped) {
        partial = true;
        break outer;
      }
      const first = run + 1;
      // A shard draws only the samples its runs use; sampling is deterministic, so it draws the same ones.
      if (!estimators.some((_e, j) => mine(first + j))) {
        run += estimators.length;
        continue;
      }
      let sample: S | null = null;
      let sampleError = "";
      try {
        sample = task.sample(n, seed);
      } catch (e) {
        sampleError = `sampling failed: ${describeError(e)}`;
      }
      for (const est of estimators) {
        run++;
        if (!mine(run)) continue;
        if (stop?.stopped) {
          partial = true;
          break outer;
        }
        let row: BenchmarkRow;
        if (sample === null) {
          row = failedRow(est, task, seed, n, sampleError, 0);
        } else {
          const opts: EstimateOptions = { ...estimatorOptions[est.name], seed, ...(stop ? { stop } : {}) };
          const t0 = now();
          try {
            const r = await est.estimate(sample, opts);
            const seconds = (now() - t0) / 1000;
            if (r.partial === true && stop?.stopped) {
              // Stopped mid-run: the estimate so far is not a result of the protocol; leave the run out.
              partial = true;
              break outer;
            }
            if (!Number.isFinite(r.estimate)) {
              row = failedRow(est, task, seed, n, `returned a non-finite estimate (${r.estimate})`, seconds);
            } else {
              const [lo, hi] = r.ci95;
              // A real table's truth is a range [a, b]: the interval covers it when they meet, and the error is the
              // distance from the range (0 inside it).
              const [a, b] = task.truthRange ?? [task.trueMI, task.trueMI];
              const covered = Number.isFinite(lo) && Number.isFinite(hi) ? lo <= b && a <= hi : null;
              const error = r.estimate < a ? r.estimate - a : r.estimate > b ? r.estimate - b : 0;
              row = {
                estimator: est.name,
                kind: est.kind,
                task: task.name,
                seed,
                n,
                truth: task.trueMI,
                estimate: r.estimate,
                error,
                ci95: [lo, hi],
                covered,
                seconds,
                status: "ok",
                message: r.warnings.join(" "),
                logK: r.logK,
                saturated: r.saturated,
                ...(typeof r.settings.choice === "string" ? { choice: r.settings.choice } : {}),
              };
            }
          } catch (e) {
            row = failedRow(est, task, seed, n, describeError(e), (now() - t0) / 1000);
          }
        }
        rows.push(row);
        onProgress?.({ done: rows.length, total, row });
      }
    }
  }

  return {
    settings: {
      n,
      seeds: [...seeds],
      estimators: estimators.map((e) => e.name),
      tasks: tasks.map((t) => t.name),
      estimatorOptions,
    },
    rows,
    summary: aggregateRows(rows),
    seconds: (now() - start) / 1000,
    partial,
  };
}
