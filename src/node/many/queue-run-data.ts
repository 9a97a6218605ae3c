import type { Redis } from "ioredis";
import { InfonceError } from "../../errors.js";
import type { ManyJob } from "../../many/many-job.js";
import type { ColumnTable } from "../../many/many-types.js";

/** Seconds a run's data stays in Redis when its submitter never cleans up (killed): a day. */
const RUN_TTL_SECONDS = 86_400;

const jobKey = (runId: string): string => `infonce:run:${runId}:job`;
const tableKey = (runId: string): string => `infonce:run:${runId}:table`;

/**
 * Stores what workers need for a run — the job and the columns it uses — once, beside the queue, so that tile jobs
 * carry only (run, tile) and a worker on any machine fetches the data once per run. Columns are float64
 * little-endian, one after another; only the columns of the job's variables are stored.
 */
export async function storeRun(redis: Redis, runId: string, job: ManyJob, table: ColumnTable): Promise<void> {
  const used = [...new Set(job.variables.flatMap((v) => v.columns))].sort((a, b) => a - b);
  const bytes = Buffer.alloc(used.length * table.rows * 8);
  used.forEach((c, k) => {
    const col = table.columns[c] as Float64Array;
    for (let i = 0; i < table.rows; i++) bytes.writeDoubleLE(col[i] as number, (k * table.rows + i) * 8);
  });
  // Category labels travel too: without them a worker would take a text column's codes for numbers, and auto
  // would choose another estimator than in the submitting process.
  const categories = used.map((c) => table.categories?.[c] ?? null);
  const meta = { job, rows: table.rows, names: used.map((c) => table.names[c]), used, categories };
  await redis.set(jobKey(runId), JSON.stringify(meta), "EX", RUN_TTL_SECONDS);
  await redis.set(tableKey(runId), bytes, "EX", RUN_TTL_SECONDS);
}

/** The job and table of a run, as stored by `storeRun` (column indices as in the submitter's table). */
export async function loadRun(redis: Redis, runId: string): Promise<{ job: ManyJob; table: ColumnTable }> {
  const [metaText, bytes] = await Promise.all([redis.get(jobKey(runId)), redis.getBuffer(tableKey(runId))]);
  if (metaText === null || bytes === null) {
    throw new InfonceError("E_DATA", `run ${runId} has no data in Redis (finished, cancelled or expired)`);
  }
  const meta = JSON.parse(metaText) as {
    job: ManyJob;
    rows: number;
    names: string[];
    used: number[];
    categories: (string[] | null)[];
  };
  const width = Math.max(0, ...meta.used) + 1;
  const columns: Float64Array[] = new Array(width);
  const names: string[] = new Array(width).fill("");
  const categories: (string[] | undefined)[] = new Array(width).fill(undefined);
  meta.used.forEach((c, k) => {
    const col = new Float64Array(meta.rows);
    for (let i = 0; i < meta.rows; i++) col[i] = bytes.readDoubleLE((k * meta.rows + i) * 8);
    columns[c] = col;
    names[c] = meta.names[k] ?? "";
    categories[c] = meta.categories[k] ?? undefined;
  });
  const table: ColumnTable = categories.some((c) => c !== undefined)
    ? { rows: meta.rows, names, columns, categories }
    : { rows: meta.rows, names, columns };
  return { job: meta.job, table };
}

/** Removes a run's data. */
export async function dropRun(redis: Redis, runId: string): Promise<void> {
  await redis.del(jobKey(runId), tableKey(runId));
}
