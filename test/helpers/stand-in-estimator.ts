import type { Estimate, Estimator, PairedSample } from "../../src/types.js";

/** A classical estimator for auto's tests whose estimate is what `run` returns (or throws) for the options passed. */
export function standInEstimator(
  name: string,
  run: (options: Readonly<Record<string, unknown>>, sample: PairedSample) => Estimate,
): Estimator {
  return { name, kind: "classical", description: "stand-in", estimate: async (s, o = {}) => run(o, s) };
}
