import type { ArgsDef } from "citty";
import { intArg, setArgs } from "./common-args.js";

/**
 * Flags that set an estimator setting directly (estimate, demo, rank, matrix). Each command spreads in the ones
 * it takes; settingsFromArgs reads whichever of them were given, so a flag means the same thing everywhere.
 */
export const SETTING_ARGS = {
  k: { type: "string", description: "Neighbours for KSG-type estimators (sets k)" },
  batch: {
    type: "string",
    description: "Batch size K for neural estimators (sets batchSize); needs at least K rows",
  },
  steps: { type: "string", description: "Most training steps for neural estimators (sets maxSteps)" },
  copula: {
    type: "boolean",
    description: "Rank-Gaussianise each column first (sets copula; --no-copula to refuse)",
  },
  set: {
    type: "string",
    description: "Any estimator setting, repeatable: --set name=value",
    valueHint: "name=value",
  },
} as const satisfies ArgsDef;

/** `--replicates`, a setting flag of rank and matrix only (MANY_ARGS); read by settingsFromArgs like the others. */
export const REPLICATES_ARG = {
  type: "string",
  description: "Resamples for each pair's interval (sets replicates; 0 = none)",
} as const satisfies ArgsDef[string];

/** The integer flags that set a setting, each with its least value, in the order they are checked. */
const INTEGER_SETTINGS = [
  { flag: "k", setting: "k", min: 1 },
  { flag: "batch", setting: "batchSize", min: 2 },
  { flag: "steps", setting: "maxSteps", min: 1 },
  { flag: "replicates", setting: "replicates", min: 0 },
] as const;

/**
 * The estimator settings the setting flags ask for (SETTING_ARGS, REPLICATES_ARG); a flag a command does not
 * declare is refused before this runs (unknown-flag.ts), so it is absent here. `--set` comes last, so it wins over
 * the named flags.
 */
export function settingsFromArgs(args: Record<string, unknown>, rawArgs: readonly string[]): Record<string, unknown> {
  const named: Record<string, unknown> = {};
  for (const { flag, setting, min } of INTEGER_SETTINGS) {
    const v = intArg(args[flag], flag, min);
    if (v !== undefined) named[setting] = v;
  }
  if (typeof args.copula === "boolean") named.copula = args.copula;
  return { ...named, ...setArgs(rawArgs) };
}
