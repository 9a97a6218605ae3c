import type { ArgsDef } from "citty";
import { InfonceError } from "../../errors.js";
import type { PairSettings, Shard } from "../../many/many-types.js";
import { estimatorNames, findEstimator } from "../commands/find-estimator.js";
import { intArg } from "../common-args.js";
import { REPLICATES_ARG, SETTING_ARGS, settingsFromArgs } from "../setting-args.js";

/** Flags of the many-pair commands (rank, matrix): the estimator per pair and how the work is split. */
export const MANY_ARGS = {
  estimator: { type: "string", alias: "e", description: `Estimator per pair: ${estimatorNames()}`, default: "auto" },
  k: SETTING_ARGS.k,
  replicates: REPLICATES_ARG,
  set: SETTING_ARGS.set,
  shard: {
    type: "string",
    description: "Compute only share i of N (tiles t ≡ i mod N) and write it as a part to --out; join with merge",
    valueHint: "i/N",
  },
  queue: {
    type: "string",
    description: "Run the tiles on a BullMQ work queue (workers: infonce worker --queue URL)",
    valueHint: "redis://host:6379",
  },
  threads: { type: "string", description: "Worker threads on this machine (default: all cores; 1 = this thread)" },
} as const satisfies ArgsDef;

/** `i/N` → {index, count}. */
export function parseShard(value: unknown): Shard | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(String(value));
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || !(count >= 1 && index < count)) {
    throw new InfonceError(
      "E_ARG",
      `--shard must be i/N with 0 ≤ i < N (e.g. --shard 0/4, or --shard $JOB_COMPLETION_INDEX/4), got '${String(value)}'`,
    );
  }
  return { index, count };
}

/** The estimator and its settings for every pair, from --estimator, --k, --replicates, --set and --seed. */
export function pairSettingsFromArgs(args: Record<string, unknown>, rawArgs: readonly string[]): PairSettings {
  const estimator = String(args.estimator ?? "auto");
  findEstimator(estimator); // E_UNKNOWN now, not after reading the file
  const settings = settingsFromArgs(args, rawArgs);
  const seed = intArg(args.seed, "seed", 0, 2 ** 32 - 1) ?? 0;
  return { estimator, settings, seed };
}
