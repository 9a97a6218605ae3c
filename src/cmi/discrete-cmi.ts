import { InfonceError } from "../errors.js";
import { resampleUncertainty } from "../estimators/bootstrap.js";
import { encodeRows } from "../estimators/categorical.js";
import { choiceSetting, classicalEstimate, intSetting, seedSetting } from "../estimators/classical-estimate.js";
import { DISCRETE_REPLICATES, discreteTerms } from "../estimators/discrete.js";
import { joinColumns } from "../math/join-columns.js";
import type { EstimateOptions } from "../types.js";
import { checkConditional } from "./check-conditional.js";
import type { CmiEstimator, ConditionalSample } from "./cmi-types.js";

/**
 * Plug-in conditional MI of categorical data with the Miller–Madow correction, by the chain rule on the plug-in
 * MI (`discreteTerms`): I(X;Y|Z) = I(X;(Y,Z)) − I(X;Z) = H(XZ) + H(YZ) − H(Z) − H(XYZ) — the identity holds for the
 * empirical distribution, and the two Miller–Madow terms combine into −(m_xyz − m_xz − m_yz + m_z)/(2n), the
 * correction of those four entropies.
 *
 * @param rows a resample (all rows when absent)
 */
export function discreteCmiValue(
  cx: Int32Array,
  cyz: Int32Array,
  cz: Int32Array,
  levels: { x: number; yz: number; z: number },
  correction: "miller-madow" | "none",
  rows?: Int32Array,
): number {
  const a = discreteTerms(cx, cyz, levels.x, levels.yz, rows);
  const b = discreteTerms(cx, cz, levels.x, levels.z, rows);
  return correction === "miller-madow" ? a.millerMadow - b.millerMadow : a.plugin - b.plugin;
}

/** `discrete-cmi`: the plug-in with Miller–Madow and a bootstrap interval, as the `discrete` MI estimator. */
export const discreteCmiEstimator: CmiEstimator = {
  name: "discrete-cmi",
  description: "Plug-in conditional MI of categorical X, Y, Z with the Miller–Madow correction; bootstrap interval",
  async estimate(sample: ConditionalSample, options: EstimateOptions = {}) {
    const start = globalThis.performance.now();
    const correction = choiceSetting(options, "correction", ["miller-madow", "none"] as const, "miller-madow");
    const replicates = intSetting(options, "replicates", DISCRETE_REPLICATES, 0);
    const seed = seedSetting(options);
    const c = checkConditional(sample, "discrete-cmi", 2, "a table needs two observations");
    const ex = encodeRows(c.x);
    const ez = encodeRows(c.z);
    const eyz = encodeRows(joinColumns(c.y, c.z));
    for (const [side, e] of [
      ["x", ex],
      ["z", ez],
      ["(y, z)", eyz],
    ] as const) {
      // As the discrete MI estimator: a side with more distinct values than n/2 is not categorical.
      if (e.levels > c.n / 2) {
        throw new InfonceError(
          "E_DATA",
          `${side} has ${e.levels} distinct values in ${c.n} rows: not categorical, and the plug-in would report noise; use ksg-cmi or gaussian-cmi`,
        );
      }
    }
    const levels = { x: ex.levels, yz: eyz.levels, z: ez.levels };
    const value = discreteCmiValue(ex.codes, eyz.codes, ez.codes, levels, correction);
    const u =
      replicates >= 2 && options.uncertainty !== "none"
        ? resampleUncertainty(
            value,
            c.n,
            (rows) => discreteCmiValue(ex.codes, eyz.codes, ez.codes, levels, correction, rows),
            { method: "bootstrap", replicates, seed, onProgress: options.onProgress, stop: options.stop },
          )
        : { stderr: Number.NaN, ci95: [Number.NaN, Number.NaN] as const, method: "none" as const, replicates: 0 };
    return classicalEstimate("discrete-cmi", value, c.n, u, c.warnings, start, { correction, seed });
  },
};
