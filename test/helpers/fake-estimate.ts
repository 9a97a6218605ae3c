import type { Estimate } from "../../src/types.js";

/**
 * An Estimate as a stand-in estimator returns it: the value in nats and bits, the interval and the standard error it
 * implies (width / 3.92), nothing else measured; `extra` overrides any field.
 */
export function fakeEstimate(
  estimator: string,
  estimate: number,
  ci95: [number, number],
  extra: Partial<Estimate> = {},
): Estimate {
  return {
    estimator,
    estimate,
    estimateBits: estimate / Math.LN2,
    stderr: (ci95[1] - ci95[0]) / 3.92,
    ci95,
    n: 0,
    logK: null,
    saturated: false,
    warnings: [],
    seconds: 0,
    settings: {},
    ...extra,
  };
}
