/** The t-copula estimate `auto` tries before InfoNCE where a continuous table's joint tails are heavier than a Gaussian copula's. */
import { AUTO_COPULA_Z } from "./auto-choice.js";
import type { EstimatorChoice } from "./auto-companions.js";
import type { SampleProfile } from "./auto-profile.js";
import { T_COPULA_CHECK_P, tCopulaEstimator } from "./t-copula.js";

/**
 * Fewest rows on which auto tries the t copula: its check (the radii's law and their independence of the signs)
 * must have the power to turn away laws that are no t copula, which then go to InfoNCE.
 */
export const AUTO_T_COPULA_MIN_ROWS = 1000;

/**
 * The t-copula estimate, tried first where the table is continuous, has more columns than nearest-neighbour
 * estimators serve, no point mass, and Mardia's kurtosis on its normal scores lies above AUTO_COPULA_Z (heavier
 * joint tails than a Gaussian copula: the shared scale of a Student-t law). It refuses when its check fails, and
 * auto moves on. InfoNCE read the t copulas of scripts/sweep-warped-tables.py 24% low (5+5 columns, ν = 4,
 * 5,000 rows: 0.921 for 1.217; 4+4: 0.913 for 1.171); the t copula reads 1.271 and 1.208.
 * @param pointMass whether a column has a point mass (auto-point-mass.ts)
 */
export function tCopulaChoice(
  p: SampleProfile,
  pointMass: boolean,
  available: (name: string) => boolean,
): EstimatorChoice[] {
  const z = p.copulaKurtosisZ;
  const continuous = p.kindX === "continuous" && p.kindY === "continuous";
  if (!continuous || pointMass || z === undefined || !(z > AUTO_COPULA_Z) || p.n < AUTO_T_COPULA_MIN_ROWS) return [];
  if (!available(tCopulaEstimator.name)) return [];
  return [
    {
      estimator: tCopulaEstimator.name,
      settings: { check: "refuse" },
      reason: `continuous, ${p.dx}+${p.dy} dimensions, joint tails heavier than a Gaussian copula's by Mardia's test (z = ${z.toFixed(2)} > ${AUTO_COPULA_Z}): a Student-t copula fitted to the ranks, its MI in closed form, where its check passes (p ≥ ${T_COPULA_CHECK_P})`,
    },
  ];
}
