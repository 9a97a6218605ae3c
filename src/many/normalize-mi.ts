import { InfonceError } from "../errors.js";

/** How a matrix of MI values can be rescaled to [0, 1]. */
export const MI_NORMALIZATIONS = ["none", "ic", "min-entropy"] as const;
export type MiNormalization = (typeof MI_NORMALIZATIONS)[number];

/**
 * Linfoot's (1957) informational coefficient of correlation √(1 − e^{−2I}): 0 at independence, → 1 as I → ∞,
 * and |ρ| exactly for a bivariate Gaussian (whose MI is −½ log(1 − ρ²)). A negative estimate (KSG's noise at
 * independence) maps to 0.
 */
export function informationCoefficient(mi: number): number {
  if (Number.isNaN(mi)) return Number.NaN;
  return Math.sqrt(-Math.expm1(-2 * Math.max(0, mi)));
}

/** I / min(H_a, H_b) for discrete variables (plug-in entropies in nats): 1 when one determines the other. */
export function minEntropyRatio(mi: number, ha: number, hb: number): number {
  const h = Math.min(ha, hb);
  if (!(h > 0)) throw new InfonceError("E_DATA", "min-entropy normalisation of a variable with zero entropy");
  return mi / h;
}
