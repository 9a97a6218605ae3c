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

/** The estimator settings the SETTING_ARGS flags ask for; `--set` comes last, so it wins over the named flags. */
export function settingsFromArgs(args: Record<string, unknown>, rawArgs: readonly string[]): Record<string, unknown> {
  const k = intArg(args.k, "k", 1);
  const batch = intArg(args.batch, "batch", 2);
  const steps = intArg(args.steps, "steps", 1);
  return {
    ...(k === undefined ? {} : { k }),
    ...(batch === undefined ? {} : { batchSize: batch }),
    ...(steps === undefined ? {} : { maxSteps: steps }),
    ...(typeof args.copula === "boolean" ? { copula: args.copula } : {}),
    ...setArgs(rawArgs),
  };
}
