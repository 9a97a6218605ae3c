import { InfonceError } from "../../errors.js";
import type { PairSettings } from "../../many/many-types.js";
import { intArg } from "../common-args.js";
import type { CliIO } from "../io.js";
import { checkOutputs, type OutputPaths } from "../outputs.js";
import { importQueue } from "./import-queue.js";
import { pairSettingsFromArgs, parseShard } from "./many-args.js";
import type { ManyRunRequest } from "./run-many.js";

// The flags rank and matrix share (MANY_ARGS), read and checked the same way for both, in the order the commands
// call these: everything cheap is refused before a long read of the input.

/** How a many-pair command runs its job, as its flags say; spread into runOrWritePart. */
export type ManyRunFlags = Pick<ManyRunRequest, "quiet" | "shard" | "queue" | "threads">;

/** The estimator per pair (--estimator, --k, --replicates, --set, --seed), --shard, --threads, --queue, --quiet. */
export function readManyFlags(
  args: Record<string, unknown>,
  rawArgs: readonly string[],
): { readonly settings: PairSettings; readonly run: ManyRunFlags } {
  const settings = pairSettingsFromArgs(args, rawArgs);
  const shard = parseShard(args.shard);
  const threads = intArg(args.threads, "threads", 1);
  const run: ManyRunFlags = {
    quiet: args.quiet === true,
    ...(shard === undefined ? {} : { shard }),
    ...(typeof args.queue === "string" ? { queue: args.queue } : {}),
    ...(threads === undefined ? {} : { threads }),
  };
  return { settings, run };
}

/** --out and --plot, checked writable up front; a shard writes its part to --out, so it needs one and draws no plot. */
export async function checkManyOutputs(
  io: CliIO,
  args: Record<string, unknown>,
  run: ManyRunFlags,
): Promise<OutputPaths> {
  if (run.shard !== undefined && typeof args.out !== "string") {
    throw new InfonceError("E_ARG", "--shard writes a part: give --out part-i.json (then infonce merge parts…)");
  }
  return checkOutputs({ out: args.out, plot: run.shard === undefined ? args.plot : undefined }, io.cwd);
}

/** Reaches the --queue server once before the input is read, so a wrong URL fails at once. */
export async function checkQueueFlag(run: ManyRunFlags): Promise<void> {
  if (run.queue === undefined) return;
  const { checkQueue } = await importQueue(() => import("../../node/many/queue-connection.js"));
  await checkQueue(run.queue);
}
