import { InfonceError } from "../errors.js";
import { aggregateRows } from "./aggregate-rows.js";
import type { BenchmarkResult, BenchmarkRow } from "./benchmark-types.js";

/** Format tag of a bench part file (rank and matrix parts are "infonce-part/1"). */
export const BENCH_PART_FORMAT = "infonce-bench-part/1";

/**
 * What `infonce bench --shard i/N` writes: the sweep's settings, its share, and its rows with their positions in
 * the whole sweep. `context` is what presenting the merged table needs (the reproducing command, MI or CMI).
 */
export interface BenchPart {
  readonly format: typeof BENCH_PART_FORMAT;
  readonly shard: { readonly index: number; readonly count: number };
  readonly context: Readonly<Record<string, unknown>>;
  readonly result: BenchmarkResult;
}

/** The part of a sharded sweep (its result holds only the shard's rows). */
export function makeBenchPart(
  result: BenchmarkResult,
  shard: { readonly index: number; readonly count: number },
  context: Readonly<Record<string, unknown>>,
): BenchPart {
  return { format: BENCH_PART_FORMAT, shard, context, result };
}

/** Whether a parsed JSON value claims to be a bench part. */
export function isBenchPart(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as { format?: unknown }).format === BENCH_PART_FORMAT;
}

/** Checks a parsed JSON value is a bench part (E_PARSE naming `where` otherwise). */
export function asBenchPart(value: unknown, where: string): BenchPart {
  const p = value as Partial<BenchPart> | null;
  const settings = p?.result?.settings;
  const lists = [settings?.estimators, settings?.tasks, settings?.seeds, p?.result?.rows];
  if (!isBenchPart(p) || !lists.every(Array.isArray) || typeof p?.shard?.count !== "number") {
    throw new InfonceError("E_PARSE", `${where} is not a bench part (written by infonce bench --shard i/N --out FILE)`);
  }
  const part = p as BenchPart;
  // A finished shard holds every run k ≡ index (mod count) of the sweep; fewer is a file cut short (a copy that
  // did not finish, a hand edit). A part stopped early says so itself and merge refuses it for that reason.
  const { index, count } = part.shard;
  const { estimators, tasks, seeds } = part.result.settings;
  const expected = Math.ceil((estimators.length * tasks.length * seeds.length - index) / count);
  if (part.result.partial !== true && part.result.rows.length !== expected) {
    throw new InfonceError(
      "E_PARSE",
      `${where}: holds ${part.result.rows.length} of the ${expected} runs of shard ${index}/${count}; it looks cut short, re-run that shard`,
    );
  }
  return part;
}

// JSON has no NaN: benchmarkJson writes non-finite numbers as null; read them back as NaN, as the runner made them.
const num = (v: unknown): number => (v === null ? Number.NaN : (v as number));
function loadRow(r: BenchmarkRow): BenchmarkRow {
  return {
    ...r,
    truth: num(r.truth),
    estimate: num(r.estimate),
    error: num(r.error),
    ci95: r.ci95 === null ? null : [num(r.ci95[0]), num(r.ci95[1])],
  };
}

/**
 * Joins the parts of one sharded sweep: same settings and context, every shard 0 … N−1 exactly once. The rows are
 * those of the single-process sweep in its order; only the timings (`seconds`) are each shard's own, and the total
 * `seconds` is the sum over the shards.
 */
export function mergeBenchParts(parts: readonly BenchPart[]): {
  readonly result: BenchmarkResult;
  readonly context: Readonly<Record<string, unknown>>;
} {
  const first = parts[0];
  if (first === undefined) throw new InfonceError("E_ARG", "merge needs at least one part");
  const settings = JSON.stringify(first.result.settings);
  const context = JSON.stringify(first.context);
  const count = first.shard.count;
  const byIndex = new Map<number, BenchPart>();
  for (const [i, p] of parts.entries()) {
    if (JSON.stringify(p.result.settings) !== settings || JSON.stringify(p.context) !== context) {
      throw new InfonceError(
        "E_ARG",
        `bench part ${i + 1} is from another sweep than part 1 (different tasks, estimators, seeds, n or settings)`,
      );
    }
    if (p.shard.count !== count) {
      throw new InfonceError(
        "E_ARG",
        `bench part ${i + 1} is shard ${p.shard.index}/${p.shard.count}, part 1 is of ${count} shards`,
      );
    }
    if (byIndex.has(p.shard.index)) {
      throw new InfonceError(
        "E_ARG",
        `bench shard ${p.shard.index}/${count} is given twice (parts ${[...byIndex.keys()].indexOf(p.shard.index) + 1} and ${i + 1})`,
      );
    }
    if (p.result.partial) {
      throw new InfonceError(
        "E_ARG",
        `bench part ${i + 1} (shard ${p.shard.index}/${count}) was stopped early; rerun that shard`,
      );
    }
    byIndex.set(p.shard.index, p);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    throw new InfonceError(
      "E_ARG",
      `bench shard${missing.length > 1 ? "s" : ""} ${missing.map((i) => `${i}/${count}`).join(", ")} missing; merge needs all ${count}`,
    );
  }
  // Run k of the sweep is row ⌊k/N⌋ of shard k mod N.
  const { estimators, tasks, seeds } = first.result.settings;
  const total = estimators.length * tasks.length * seeds.length;
  const rows: BenchmarkRow[] = [];
  for (let k = 0; k < total; k++) {
    const row = byIndex.get(k % count)?.result.rows[Math.floor(k / count)];
    if (row === undefined)
      throw new InfonceError(
        "E_PARSE",
        `bench shard ${k % count}/${count} lacks run ${k}; it looks cut short, re-run that shard`,
      );
    rows.push(loadRow(row));
  }
  const seconds = [...byIndex.values()].reduce((s, p) => s + p.result.seconds, 0);
  return {
    result: { settings: first.result.settings, rows, summary: aggregateRows(rows), seconds, partial: false },
    context: first.context,
  };
}
