import type { CurvePoint, Estimate } from "../types.js";

/** Version of the `--json` output of `estimate` (and of each row of `demo --json`); bumped on any breaking change. */
export const ESTIMATE_SCHEMA_VERSION = 1;

/** What was read, for the JSON record and the report. */
export interface InputSummary {
  readonly files: readonly string[];
  readonly format?: string;
  readonly x: { readonly columns: readonly string[] };
  readonly y: { readonly columns: readonly string[] };
  readonly setAside: readonly { readonly group: string; readonly name: string; readonly reason: string }[];
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * The `--json` record of one estimate (schema version 1, documented in docs/cli.md). Values are in nats unless
 * the name says bits; a number that cannot be computed (a NaN standard error, say) is null, never NaN.
 */
export interface EstimateJson {
  readonly schemaVersion: typeof ESTIMATE_SCHEMA_VERSION;
  readonly estimator: string;
  readonly estimate: number | null;
  readonly estimateBits: number | null;
  readonly stderr: number | null;
  readonly ci95: readonly [number | null, number | null];
  readonly n: number;
  readonly logK: number | null;
  readonly saturated: boolean;
  readonly partial: boolean;
  readonly warnings: readonly string[];
  readonly seconds: number;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly input?: InputSummary;
  readonly curve?: readonly CurvePoint[];
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function estimateJson(
  e: Estimate,
  input?: InputSummary,
  warnings: readonly string[] = e.warnings,
): EstimateJson {
  return {
    schemaVersion: ESTIMATE_SCHEMA_VERSION,
    estimator: e.estimator,
    estimate: finite(e.estimate),
    estimateBits: finite(e.estimateBits),
    stderr: finite(e.stderr),
    ci95: [finite(e.ci95[0]), finite(e.ci95[1])],
    n: e.n,
    logK: e.logK === null ? null : finite(e.logK),
    saturated: e.saturated,
    partial: e.partial === true,
    warnings: [...warnings],
    seconds: e.seconds,
    settings: e.settings,
    ...(input === undefined ? {} : { input }),
    ...(e.curve === undefined ? {} : { curve: e.curve }),
  };
}
