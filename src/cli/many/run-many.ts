import { InfonceError, isInfonceError } from "../../errors.js";
import { type ManyJob, pairCount, runTiles, shardTiles, tileCount } from "../../many/many-job.js";
import { type ManyPart, makePart } from "../../many/many-part.js";
import type { ColumnTable, PairResult, Shard } from "../../many/many-types.js";
import type { ReadTableOptions } from "../../node/many/read-column-table.js";
import { indexColumns, indexLeftOut } from "../../node/read/default-selection.js";
import type { SourceColumn } from "../../node/read/select-columns.js";
import type { CliIO } from "../io.js";
import { createProgress } from "../progress.js";
import type { InputFlags } from "../read-args.js";
import { importQueue } from "./import-queue.js";

/** How a many-pair command runs its job. */
export interface ManyRunRequest {
  readonly io: CliIO;
  readonly table: ColumnTable;
  readonly job: ManyJob;
  /** What the presentation of the result needs (input summary, normalisation); carried by parts. */
  readonly context: Readonly<Record<string, unknown>>;
  readonly quiet: boolean;
  readonly shard?: Shard;
  readonly queue?: string;
  readonly threads?: number;
}

/**
 * Runs a job as `runManyJob` does, but writes a shard's part to `partOut` itself (then returns null): what rank and
 * matrix do after reading their table.
 */
export async function runOrWritePart(
  req: ManyRunRequest & { readonly partOut?: string | undefined },
): Promise<{ readonly results: PairResult[]; readonly partial: boolean } | null> {
  const run = await runManyJob(req);
  if (run.kind === "results") return run;
  const { writePart } = await import("./write-part.js");
  await writePart(req.io, run.part, req.partOut as string, req.quiet);
  return null;
}

/**
 * Reads the columns `select` picks from the command's input file, with its --format, --delimiter, --header,
 * --missing and --na-values. Its warnings (rows dropped for missing cells) are returned, not printed: the command
 * says them once its job is planned (`planAfterRead`), so that an input error stays one line.
 */
export async function readManyTable(
  io: CliIO,
  input: InputFlags,
  select: (columns: readonly SourceColumn[]) => number[],
  setAside?: ReadTableOptions["setAside"],
): Promise<{
  readonly table: ColumnTable;
  readonly source: Readonly<Record<string, unknown>>;
  readonly warnings: readonly string[];
}> {
  const { readColumnTable } = await import("../../node/many/read-column-table.js");
  // The flags are the reader's options (--x and --y, which rank and matrix do not have, go unread).
  return readColumnTable({
    ...input,
    file: input.files[0] as string,
    cwd: io.cwd,
    select,
    ...(setAside === undefined ? {} : { setAside }),
    ...(io.stdin === undefined ? {} : { stdin: io.stdin }),
  });
}

/**
 * The columns rank and matrix take by default: every column but `except` (a rank's target) and a written pandas
 * index, a row number that would rank as a feature on a table sorted by class; its leaving is estimate's warning,
 * pushed to `notes` (`flag` selects it back).
 */
export function defaultManyColumns(
  columns: readonly SourceColumn[],
  except: readonly number[],
  flag: string,
  notes: string[],
): number[] {
  const index = indexColumns(columns).filter((i) => !except.includes(i));
  if (index.length > 0) notes.push(indexLeftOut(columns, index, flag));
  return columns.map((_, i) => i).filter((i) => !except.includes(i) && !index.includes(i));
}

/**
 * Plans a job on a table just read: an E_DATA from planning (a column constant once rows with missing cells were
 * dropped) carries the read's warnings in its one line, since they are its cause; otherwise the warnings go to
 * stderr (unless quiet) and the job is returned.
 */
export function planAfterRead<T>(io: CliIO, quiet: boolean, warnings: readonly string[], plan: () => T): T {
  let job: T;
  try {
    job = plan();
  } catch (e) {
    if (isInfonceError(e) && e.code === "E_DATA" && warnings.length > 0) {
      throw new InfonceError("E_DATA", `${e.message} (${warnings.join("; ")})`);
    }
    throw e;
  }
  if (!quiet) for (const w of warnings) io.err(`infonce: warning: ${w}\n`);
  return job;
}

/** A part (a shard's share) or the whole result. */
export type ManyRunResult =
  | { readonly kind: "part"; readonly part: ManyPart }
  | { readonly kind: "results"; readonly results: PairResult[]; readonly partial: boolean };

/**
 * Runs a job: one shard's tiles into a part; every tile on a BullMQ queue; or every tile here, on worker threads
 * (one per core by default). Progress (pairs done) on stderr.
 */
export async function runManyJob(req: ManyRunRequest): Promise<ManyRunResult> {
  const { io, table, job } = req;
  const progress = createProgress(io, { quiet: req.quiet });
  try {
    if (req.queue !== undefined) {
      const { submitToQueue } = await importQueue(() => import("../../node/many/queue-submit.js"));
      const results = await submitToQueue(req.queue, table, job, { onProgress: progress.onProgress, stop: io.stop });
      return { kind: "results", results, partial: false };
    }
    const all = Array.from({ length: tileCount(job) }, (_, t) => t);
    const tiles = req.shard === undefined ? all : shardTiles(job, req.shard);
    let results: PairResult[];
    const pool = await import("../../node/many/thread-pool.js");
    const threads = req.threads ?? pool.defaultThreads();
    if (threads > 1 && tiles.length > 1) {
      const { runTilesOnThreads } = pool;
      results = await runTilesOnThreads(table, job, tiles, threads, { onProgress: progress.onProgress, stop: io.stop });
    } else {
      results = await runTiles(table, job, tiles, { onProgress: progress.onProgress, stop: io.stop });
    }
    if (req.shard !== undefined) return { kind: "part", part: makePart(job, req.context, req.shard, tiles, results) };
    return { kind: "results", results, partial: results.length < pairCount(job) };
  } finally {
    progress.finish();
  }
}
