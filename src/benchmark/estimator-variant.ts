import { InfonceError } from "../errors.js";
import type { EstimateOptions, PairedSample } from "../types.js";
import type { BenchmarkEstimator } from "./benchmark-types.js";

/** An estimator the benchmark can run, with its one-line description (MI or conditional-MI). */
export interface DescribedEstimator<S = PairedSample> extends BenchmarkEstimator<S> {
  readonly description: string;
}

/** An estimator run with fixed settings, e.g. KSG with the copula transform: "ksg[copula=true]". */
export interface EstimatorVariant<S = PairedSample> extends DescribedEstimator<S> {
  /** The estimator it wraps. */
  readonly baseName: string;
  readonly fixedSettings: Readonly<Record<string, unknown>>;
}

function show(v: unknown): string {
  return Array.isArray(v) ? `[${v.join(",")}]` : String(v);
}

/**
 * Wraps an estimator so that it always runs with `settings` (they override the options of a call, seed aside):
 * the same estimator with different settings can then sit side by side in one benchmark table. Named
 * `base[key=value,…]` in the order given.
 */
export function estimatorVariant<S = PairedSample>(
  base: DescribedEstimator<S>,
  settings: Readonly<Record<string, unknown>>,
): EstimatorVariant<S> {
  const keys = Object.keys(settings);
  if (keys.length === 0) throw new InfonceError("E_ARG", `a variant of '${base.name}' needs at least one setting`);
  if (keys.includes("seed")) {
    throw new InfonceError("E_ARG", `a variant of '${base.name}' cannot fix the seed; the benchmark sets it per run`);
  }
  const name = `${base.name}[${keys.map((k) => `${k}=${show(settings[k])}`).join(",")}]`;
  return {
    name,
    kind: base.kind,
    ...(base.settings === undefined ? {} : { settings: base.settings }),
    description: `${base.description} — with ${keys.map((k) => `${k} = ${show(settings[k])}`).join(", ")}`,
    baseName: base.name,
    fixedSettings: settings,
    estimate: (sample: S, options: EstimateOptions = {}) => base.estimate(sample, { ...options, ...settings }),
  };
}
