import { InfonceError } from "../errors.js";
import type { ProgressFn, StopSignal } from "../types.js";
import { yieldToEventLoop } from "../yield-to-event-loop.js";
import { Fingerprint } from "./fingerprint.js";
import type { ColumnTable, PairResult, PairSettings, Shard, Variable } from "./many-types.js";
import { createPairEvaluator, type PairEvaluator } from "./pair-evaluator.js";

/** Pairs per tile: the unit a shard, a queue job or a worker thread takes. Fixed, so every split tiles alike. */
export const TILE_PAIRS = 16;

/**
 * Everything that defines a many-pair run and nothing that depends on how it is split: the variables, the pairs,
 * the estimator settings and a fingerprint of the data. Shards, parts and queue jobs carry it; `merge` checks it.
 */
export interface ManyJob {
  readonly kind: "rank" | "matrix";
  readonly variables: readonly Variable[];
  /** Pair p is (variables[pairs[2p]], variables[pairs[2p + 1]]). */
  readonly pairs: readonly number[];
  /** Rank: the index of the target among `variables`. */
  readonly target?: number;
  readonly settings: PairSettings;
  readonly rows: number;
  /** Hash of the columns used, their names, the pairs and the settings. */
  readonly fingerprint: string;
}

/** Number of pairs of a job. */
export function pairCount(job: ManyJob): number {
  return job.pairs.length / 2;
}

/** Number of tiles of a job. */
export function tileCount(job: ManyJob): number {
  return Math.ceil(pairCount(job) / TILE_PAIRS);
}

/** The tiles of one shard: t ≡ index (mod count), so shards are balanced and need no coordination. */
export function shardTiles(job: ManyJob, shard: Shard): number[] {
  checkShard(shard);
  const out: number[] = [];
  for (let t = shard.index; t < tileCount(job); t += shard.count) out.push(t);
  return out;
}

/** Validates a shard i/N: 0 ≤ i < N. */
export function checkShard(shard: Shard): void {
  const { index, count } = shard;
  if (!(Number.isInteger(count) && count >= 1 && Number.isInteger(index) && index >= 0 && index < count)) {
    throw new InfonceError("E_ARG", `shard must be i/N with 0 ≤ i < N, got ${index}/${count}`);
  }
}

/**
 * A job over a table: validates the columns it uses (finite, not constant: a constant column carries no
 * information, so its MI is 0 and no estimator can say so from data — E_DATA naming the column) and fingerprints
 * them with the settings.
 */
export function createJob(
  table: ColumnTable,
  kind: "rank" | "matrix",
  variables: readonly Variable[],
  pairs: readonly number[],
  settings: PairSettings,
  target?: number,
): ManyJob {
  const used = new Set<number>();
  for (const v of variables) for (const c of v.columns) used.add(c);
  const fp = new Fingerprint().text(kind).text(JSON.stringify({ variables, pairs, target, settings }));
  for (const c of [...used].sort((p, q) => p - q)) {
    const col = table.columns[c];
    const name = table.names[c] ?? String(c);
    if (col === undefined || col.length !== table.rows) {
      throw new InfonceError("E_SHAPE", `column ${c} ('${name}') is missing or not ${table.rows} rows long`);
    }
    checkColumn(col, name);
    fp.text(name).floats(col);
  }
  return {
    kind,
    variables,
    pairs,
    ...(target === undefined ? {} : { target }),
    settings,
    rows: table.rows,
    fingerprint: fp.hex(),
  };
}

function checkColumn(col: Float64Array, name: string): void {
  const first = col[0] as number;
  let constant = true;
  for (let i = 0; i < col.length; i++) {
    const v = col[i] as number;
    if (!Number.isFinite(v)) {
      throw new InfonceError(
        "E_VALUE",
        `column '${name}' has ${v} at row ${i}; every value must be finite — drop or impute that row`,
      );
    }
    if (v !== first) constant = false;
  }
  if (constant) {
    throw new InfonceError(
      "E_DATA",
      `column '${name}' is constant (every value is ${first}): it carries no information, so its MI with anything is 0; leave it out of the selection`,
    );
  }
}

/** What rankFeatures and miMatrix take besides their variables: how every pair is estimated, and the run's hooks. */
export interface PairJobOptions {
  /** Estimator (ESTIMATORS name), default "auto": chosen per pair by the auto rules. */
  readonly estimator?: string;
  /** Estimator settings, e.g. { k: 3 }. */
  readonly settings?: Readonly<Record<string, unknown>>;
  readonly seed?: number;
  readonly onProgress?: ProgressFn;
  readonly stop?: StopSignal;
}

/** The PairSettings those options give, with the defaults (auto, no settings, seed 0). */
export function pairSettingsOf(options: PairJobOptions): PairSettings {
  return { estimator: options.estimator ?? "auto", settings: options.settings ?? {}, seed: options.seed ?? 0 };
}

/** Every tile of a job, in this thread, with the options' progress and stop (what rankFeatures and miMatrix do). */
export function runAllTiles(table: ColumnTable, job: ManyJob, options: PairJobOptions): Promise<PairResult[]> {
  const tiles = Array.from({ length: tileCount(job) }, (_, t) => t);
  return runTiles(table, job, tiles, {
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.stop ? { stop: options.stop } : {}),
  });
}

/** Options of running part of a job in this thread. */
export interface RunOptions {
  /** Called after each pair with pairs done and the total of this run. */
  readonly onProgress?: ProgressFn;
  readonly stop?: StopSignal;
  /**
   * Return to the event loop between pairs (a macrotask, not just a microtask), so timers run during a long tile:
   * a queue worker must renew its tile's lock while it computes.
   */
  readonly yieldBetweenPairs?: boolean;
  /** The pair evaluator to use (one kept across calls keeps its shared per-column work); default a new one. */
  readonly evaluate?: PairEvaluator;
}

/**
 * Computes the pairs of the given tiles, in tile order, and returns their results (pair indices ascending).
 * A stop signal ends the run between pairs; the results so far are returned.
 */
export async function runTiles(
  table: ColumnTable,
  job: ManyJob,
  tiles: readonly number[],
  options: RunOptions = {},
): Promise<PairResult[]> {
  const evaluate = options.evaluate ?? createPairEvaluator(table, job.settings);
  const total = pairCount(job);
  const todo: number[] = [];
  for (const t of tiles) {
    if (!(Number.isInteger(t) && t >= 0 && t < tileCount(job))) {
      throw new InfonceError("E_ARG", `tile ${t} is out of range (the job has ${tileCount(job)} tiles)`);
    }
    for (let p = t * TILE_PAIRS; p < Math.min(total, (t + 1) * TILE_PAIRS); p++) todo.push(p);
  }
  const out: PairResult[] = [];
  for (const p of todo) {
    if (options.stop?.stopped) break;
    const a = job.variables[job.pairs[2 * p] as number] as Variable;
    const b = job.variables[job.pairs[2 * p + 1] as number] as Variable;
    out.push(await evaluate(p, a, b));
    if (options.yieldBetweenPairs) await yieldToEventLoop();
    options.onProgress?.(out.length, todo.length, "pairs");
  }
  return out.sort((p, q) => p.pair - q.pair);
}

/** Every pair result of a job exactly once, in pair order; E_DATA naming what is missing or doubled. */
export function completeResults(job: ManyJob, results: readonly PairResult[]): PairResult[] {
  const total = pairCount(job);
  const byPair: (PairResult | undefined)[] = Array.from({ length: total }, () => undefined);
  for (const r of results) {
    if (!(Number.isInteger(r.pair) && r.pair >= 0 && r.pair < total)) {
      throw new InfonceError("E_DATA", `pair ${r.pair} is not a pair of this job (it has ${total})`);
    }
    if (byPair[r.pair] !== undefined) throw new InfonceError("E_DATA", `pair ${r.pair} appears twice in the parts`);
    byPair[r.pair] = r;
  }
  const missing = byPair.indexOf(undefined);
  if (missing >= 0 || byPair.length !== total) {
    const tile = Math.floor(missing / TILE_PAIRS);
    throw new InfonceError(
      "E_DATA",
      `the parts do not cover the job: pair ${missing} (tile ${tile}) is missing; run the shard that holds tile ${tile}`,
    );
  }
  return byPair as PairResult[];
}
