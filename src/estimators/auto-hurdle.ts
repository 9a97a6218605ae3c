/** The hurdle bound `auto` runs beside the regression bound when the target has a point mass. */
import type { Companion } from "./auto-companions.js";
import type { SampleProfile } from "./auto-profile.js";
import { hurdleEstimator, MIN_ATOM_ROWS, MIN_OTHER_ROWS } from "./hurdle.js";

/**
 * The share of the rows a one-column target's most frequent value must hold for the hurdle bound (hurdle.ts) to run
 * beside the regression bound, reported when larger: the regression ranks those ties at random, noise no feature
 * predicts, and the more rows the atom holds the more it costs. ISLR's Credit.csv --y Balance (22.5% zeros):
 * auto read 1.590 (InfoNCE; regression 1.240), the hurdle bound 1.875 [1.709, 2.040] in 2 s.
 */
export const AUTO_HURDLE_SHARE = 0.1;

/** The hurdle bound beside the regression bound on `target`, where its point mass is large enough. */
export function hurdleBeside(p: SampleProfile, target: "x" | "y", available: boolean): Companion[] {
  const share = (target === "x" ? p.atomShareX : p.atomShareY) ?? 0;
  const refused = p.n * (1 - share) < MIN_OTHER_ROWS || p.n * share < MIN_ATOM_ROWS; // where hurdle.ts would refuse
  if (!available || share < AUTO_HURDLE_SHARE || refused) return [];
  return [{ estimator: hurdleEstimator.name, settings: { target }, rule: "larger-bound" }];
}
