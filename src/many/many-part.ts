import { InfonceError } from "../errors.js";
import { completeResults, type ManyJob } from "./many-job.js";
import type { PairResult, Shard } from "./many-types.js";

/** Format tag of a part file. */
export const PART_FORMAT = "infonce-part/1";

/** A pair result as stored in a part: [pair, estimate, stderr, ci95 low, ci95 high, estimator, warnings]. */
export type StoredPair = [number, number | null, number | null, number | null, number | null, string, string[]];

/**
 * The JSON a shard (or a queue job) writes: its job, which share it computed, and its pair results. `context` is
 * what the command needs to present the merged result (file names, normalisation, …); parts of one run share it.
 */
export interface ManyPart {
  readonly format: typeof PART_FORMAT;
  readonly job: ManyJob;
  readonly context: Readonly<Record<string, unknown>>;
  readonly shard: Shard;
  readonly tiles: readonly number[];
  readonly pairs: readonly StoredPair[];
}

// JSON has no NaN: a missing interval is stored as null and read back as NaN, so a merged result is the same
// double for double as the one a single process computes.
const store = (v: number): number | null => (Number.isNaN(v) ? null : v);
const load = (v: unknown): number => (v === null ? Number.NaN : (v as number));

/** Pair results as a part stores them (NaN → null). */
export function encodePairs(results: readonly PairResult[]): StoredPair[] {
  return results.map(
    (r): StoredPair => [
      r.pair,
      store(r.estimate),
      store(r.stderr),
      store(r.ci95[0]),
      store(r.ci95[1]),
      r.estimator,
      [...r.warnings],
    ],
  );
}

/** Stored pairs back to results (null → NaN). */
export function decodePairs(pairs: readonly StoredPair[]): PairResult[] {
  return pairs.map(([pair, estimate, stderr, lo, hi, estimator, warnings]) => ({
    pair,
    estimate: load(estimate),
    stderr: load(stderr),
    ci95: [load(lo), load(hi)] as const,
    estimator,
    warnings,
  }));
}

/** A part of a job from its results. */
export function makePart(
  job: ManyJob,
  context: Readonly<Record<string, unknown>>,
  shard: Shard,
  tiles: readonly number[],
  results: readonly PairResult[],
): ManyPart {
  return { format: PART_FORMAT, job, context, shard, tiles: [...tiles], pairs: encodePairs(results) };
}

/** The results stored in a part. */
export function partResults(part: ManyPart): PairResult[] {
  return decodePairs(part.pairs);
}

/** Checks that a parsed JSON value is a part (E_PARSE naming `where` otherwise). */
export function asPart(value: unknown, where: string): ManyPart {
  const p = value as Partial<ManyPart> | null;
  if (p === null || typeof p !== "object" || p.format !== PART_FORMAT) {
    throw new InfonceError(
      "E_PARSE",
      `${where} is not an infonce part (no "format": "${PART_FORMAT}"); give the JSON files written by --shard i/N`,
    );
  }
  if (typeof p.job?.fingerprint !== "string" || !Array.isArray(p.pairs) || !Array.isArray(p.tiles)) {
    throw new InfonceError("E_PARSE", `${where}: a part without its job, tiles or pairs; was it cut short?`);
  }
  return p as ManyPart;
}

/**
 * Joins the parts of one run: same job (fingerprint: same data, columns, pairs and settings), same context, every
 * pair exactly once. The results are then exactly those of the single-process run.
 */
export function mergeParts(parts: readonly ManyPart[]): {
  readonly job: ManyJob;
  readonly context: Readonly<Record<string, unknown>>;
  readonly results: PairResult[];
} {
  const first = parts[0];
  if (first === undefined) throw new InfonceError("E_ARG", "merge needs at least one part");
  const context = JSON.stringify(first.context);
  for (const [i, p] of parts.entries()) {
    if (p.job.fingerprint !== first.job.fingerprint) {
      throw new InfonceError(
        "E_DATA",
        `part ${i + 1} is from another run (fingerprint ${p.job.fingerprint}, part 1 has ${first.job.fingerprint}): different data, columns or settings`,
      );
    }
    if (JSON.stringify(p.context) !== context) {
      throw new InfonceError("E_DATA", `part ${i + 1} was made with other output options than part 1`);
    }
  }
  const results = completeResults(
    first.job,
    parts.flatMap((p) => partResults(p)),
  );
  return { job: first.job, context: first.context, results };
}
