import { InfonceError } from "../errors.js";
import type { Matrix } from "../types.js";
import { copulaTransform } from "./copula.js";
import { type KsgCounts, ksgCounts, ksgFromCounts, ksgTerms } from "./ksg-mi.js";
import { standardizeColumns } from "./standardize.js";
import { threadPoolOption } from "./thread-pool-option.js";

/** How columns are scaled before KSG. */
export type KsgPreprocessing = "standardize" | "copula" | "none";

/**
 * A unit of KSG work that any thread can do, in plain data (typed arrays and numbers), so that it can be posted to
 * a worker as it is:
 * - "counts": the marginal counts of share `part` of `parts` of the points (`ksgCounts`), on data already scaled;
 * - "value": the whole estimate on raw rows (a resampling replicate), preprocessed here as `ksgValue` does.
 */
export type KsgJob =
  | (KsgJobData & { readonly kind: "counts"; readonly part: number; readonly parts: number })
  | (KsgJobData & { readonly kind: "value"; readonly preprocessing: KsgPreprocessing });

/** What every KSG job carries: the sample and the estimator's settings. */
export interface KsgJobData {
  readonly x: Matrix<Float64Array>;
  readonly y: Matrix<Float64Array>;
  readonly k: number;
  readonly variant: 1 | 2;
}

export type KsgJobResult =
  | { readonly kind: "counts"; readonly counts: KsgCounts }
  | { readonly kind: "value"; readonly value: number };

/**
 * Where KSG's work runs. The core runs it on the calling thread (`SAME_THREAD`); the Node entry passes a pool of
 * worker threads (src/node/ksg-threads.ts) as the `ksgPool` option. `threads` is how many jobs it runs at once.
 */
export interface KsgPool {
  readonly threads: number;
  run(job: KsgJob): Promise<KsgJobResult>;
}

/** Does a job on this thread: the function a worker calls for every job it receives. */
export function runKsgJob(job: KsgJob): KsgJobResult {
  if (job.kind === "counts") {
    const { x, y } = job;
    return {
      kind: "counts",
      counts: ksgCounts(x.data, y.data, x.rows, x.cols, y.cols, job.k, job.variant, job.part, job.parts),
    };
  }
  return { kind: "value", value: ksgValue(job.x, job.y, job.k, job.variant, job.preprocessing) };
}

/** The pool of the browser-safe core: every job on the calling thread, one at a time. */
export const SAME_THREAD: KsgPool = { threads: 1, run: async (job) => runKsgJob(job) };

/** The `ksgPool` option, checked: a pool, or the calling thread when absent. */
export function ksgPoolOption(options: Readonly<Record<string, unknown>>): KsgPool {
  return threadPoolOption<KsgPool>(options, "ksgPool", "createKsgThreads") ?? SAME_THREAD;
}

/**
 * Scales each column as asked: "standardize" (mean 0, population std 1 per column, as the SciPy reference of
 * docs/benchmarks.md), "copula" (normal scores of ranks, ties in a random order, see copulaTransform; already
 * standard, so no further scaling) or "none".
 */
export function ksgPreprocess(m: Matrix<Float64Array>, preprocessing: KsgPreprocessing): Matrix<Float64Array> {
  if (preprocessing === "copula") return copulaTransform(m, "random");
  if (preprocessing === "standardize") return { rows: m.rows, cols: m.cols, data: standardizeColumns(m).data };
  return m;
}

/** KSG on a sample after preprocessing (`ksgPreprocess`), on the calling thread. */
export function ksgValue(
  x: Matrix<Float64Array>,
  y: Matrix<Float64Array>,
  k: number,
  variant: 1 | 2,
  preprocessing: KsgPreprocessing,
): number {
  const px = ksgPreprocess(x, preprocessing);
  const py = ksgPreprocess(y, preprocessing);
  return ksgTerms(px, py, k, variant).mi;
}

/**
 * KSG on a sample after preprocessing, its points split into `pool.threads` shares counted at once. The shares'
 * counts are merged and summed in row order, so the value is the single-thread value bit for bit.
 */
export async function ksgValueOn(
  pool: KsgPool,
  x: Matrix<Float64Array>,
  y: Matrix<Float64Array>,
  k: number,
  variant: 1 | 2,
  preprocessing: KsgPreprocessing,
): Promise<number> {
  if (pool.threads === 1) return ksgValue(x, y, k, variant, preprocessing);
  const px = ksgPreprocess(x, preprocessing);
  const py = ksgPreprocess(y, preprocessing);
  const n = x.rows;
  const parts = pool.threads;
  const results = await Promise.all(
    Array.from({ length: parts }, (_, part) => pool.run({ kind: "counts", x: px, y: py, k, variant, part, parts })),
  );
  const nx = new Int32Array(n);
  const ny = new Int32Array(n);
  // Shares are disjoint and a point's entries are 0 outside its share: the sum is the merge.
  for (const r of results) {
    if (r.kind !== "counts") throw new InfonceError("E_INTERNAL", "a KSG counts job returned a value");
    for (let i = 0; i < n; i++) {
      nx[i] = (nx[i] as number) + (r.counts.nx[i] as number);
      ny[i] = (ny[i] as number) + (r.counts.ny[i] as number);
    }
  }
  return ksgFromCounts(nx, ny, k, variant);
}
