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
 * The t-copula estimate, tried first where the table is continuous, has no point mass, and Mardia's kurtosis on its
 * normal scores lies above AUTO_COPULA_Z (heavier joint tails than a Gaussian copula: the shared scale of a
 * Student-t law; the test runs from 3 columns on 1,000 rows, and above 6 columns on fewer). It refuses when its
 * check fails, and auto moves on to KSG (up to 6 columns) or InfoNCE. Both read t laws low: InfoNCE the t copulas
 * of scripts/sweep-warped-tables.py by 24% (5+5 columns, ν = 4, 5,000 rows: 0.921 for 1.217; 4+4: 0.913 for
 * 1.171), where the t copula reads 1.271 and 1.208; KSG bmi's Student-t tasks by 14–41% at 2,000 rows
 * (`student-identity-3-3-3` 0.106 for 0.179, `student-dense-3-3-3-0.5` 0.507 for 0.592, `student-identity-2-2-1`
 * 0.369 for 0.432), where the t copula reads 0.181, 0.576 and 0.432.
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
