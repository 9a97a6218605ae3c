import { InfonceError } from "../errors.js";
import type { Estimate, EstimateOptions } from "../types.js";
import type { Uncertainty, UncertaintyMethod } from "./bootstrap.js";
import { negativeIntervalWarning } from "./negative-interval.js";

/** Wall-clock seconds since `start` (performance.now() exists in browsers and Node). */
export function secondsSince(start: number): number {
  return (globalThis.performance.now() - start) / 1000;
}

/** What classicalEstimate adds to an estimator's settings: the interval it actually gave. */
export type UncertaintySettings = {
  readonly uncertainty: UncertaintyMethod;
  readonly replicates: number;
  readonly groups?: number;
};

/** The common Estimate of a classical estimator: logK null and saturated false (no batch ceiling). */
export function classicalEstimate<S extends Readonly<Record<string, unknown>>>(
  estimator: string,
  value: number,
  n: number,
  uncertainty: Uncertainty,
  warnings: readonly string[],
  start: number,
  settings: S,
  partial = false,
): Estimate<S & UncertaintySettings> {
  const impossible = negativeIntervalWarning(estimator, uncertainty.ci95);
  return {
    estimator,
    estimate: value,
    estimateBits: value / Math.LN2,
    stderr: uncertainty.stderr,
    ci95: uncertainty.ci95,
    n,
    logK: null,
    saturated: false,
    warnings: impossible === null ? warnings : [...warnings, impossible],
    seconds: secondsSince(start),
    settings: {
      ...settings,
      uncertainty: uncertainty.method,
      replicates: uncertainty.replicates,
      ...(uncertainty.groups === undefined ? {} : { groups: uncertainty.groups }),
    },
    ...(partial ? { partial: true } : {}),
  };
}

/** An integer setting in [min, max], `fallback` when absent; E_ARG names the setting and the bad value. */
export function intSetting(
  options: EstimateOptions,
  name: string,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const v = options[name];
  if (v === undefined) return fallback;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw new InfonceError("E_ARG", `${name} must be an integer ${range}, got ${String(v)}`);
  }
  return v;
}

/** A non-negative finite number setting. */
export function numberSetting(options: EstimateOptions, name: string, fallback: number): number {
  const v = options[name];
  if (v === undefined) return fallback;
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
    throw new InfonceError("E_ARG", `${name} must be a finite number ≥ 0, got ${String(v)}`);
  }
  return v;
}

/** A boolean setting. */
export function boolSetting(options: EstimateOptions, name: string, fallback: boolean): boolean {
  const v = options[name];
  if (v === undefined) return fallback;
  if (typeof v !== "boolean") throw new InfonceError("E_ARG", `${name} must be true or false, got ${String(v)}`);
  return v;
}

/** One of a fixed set of strings. */
export function choiceSetting<T extends string>(
  options: EstimateOptions,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const v = options[name];
  if (v === undefined) return fallback;
  if (typeof v !== "string" || !(choices as readonly string[]).includes(v)) {
    throw new InfonceError("E_ARG", `${name} must be one of ${choices.join(", ")}; got ${String(v)}`);
  }
  return v as T;
}

/** The seed: any finite number (integer part used), default 0. */
export function seedSetting(options: EstimateOptions): number {
  const v = options.seed;
  if (v === undefined) return 0;
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new InfonceError("E_ARG", `seed must be a finite number, got ${String(v)}`);
  }
  return Math.trunc(v);
}
