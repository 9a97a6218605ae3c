/** The classifier bound `auto` runs beside the regression bound when the target column takes few values. */
import { AUTO_CLASSIFIER } from "./auto-choice.js";
import { AUTO_CLASSIFIER_WORK, classifierWork } from "./auto-classifier-cost.js";
import type { Companion } from "./auto-companions.js";
import { hurdleBeside } from "./auto-hurdle.js";
import type { SampleProfile } from "./auto-profile.js";
import { MIN_ROWS_PER_LEVEL } from "./categorical.js";
import { hurdleEstimator } from "./hurdle.js";

/**
 * The most classifier work (classifierWork, multiply-adds a pass) auto spends on this companion: the label
 * classifier's own budget (AUTO_CLASSIFIER_WORK). It was 10⁶ while the classifier's L2 path fitted every strength
 * on large tables (Clothing's 56 values, 6.3e5: 2.8 → 30 s with two sweeps beside; survival/udca2.csv --y futime,
 * 6.5e6: 11 → 82 s). With the path stopped past its lowest (classifier-exact-logistic.ts), the numeric selections
 * of Rdatasets seeds 12 and 13 (102 runs each, two sweeps beside) at 10⁷: five and three estimates up by the
 * classifier — MASS/Sitka89.csv --y tree 0.561 → 1.863, plm/Hedonic.csv --y townid 1.071 → 3.557,
 * fpp3/aus_accommodation.csv --y CPI 3.197 → 4.248, pharmaversesdtm/is_ada.csv --y ISDY 0.954 → 1.400,
 * agridat/ilri.sheep.csv --y ram 0.555 → 1.095 — none down; the slowest run 39.6 s; where the classifier ran and
 * lost it cost up to 25 s (Lahman/AwardsShareManagers.csv --y votesFirst 6.5 → 31.4 s). udca2 now 10 → 26 s for
 * 1.58 → 4.82.
 */
export const AUTO_TARGET_CLASSIFIER_WORK = AUTO_CLASSIFIER_WORK;

/**
 * The classifier bound on the regression's target read as classes, beside the regression bound and reported when
 * larger, for a target of few values (at most n / MIN_ROWS_PER_LEVEL: every value repeated, on average) too many
 * to be detected as categorical, within AUTO_TARGET_CLASSIFIER_WORK. The regression bound ranks the target's ties
 * at random (copula.ts), noise no feature predicts, so where the features determine the value it stops well short
 * of H(Y); the classifier's bound reaches H(Y). Rdatasets' pharmaversesdtm/lb_metabolic.csv --y LBDY (study day,
 * 28 values in 309 rows, H 3.24, set by the visit columns): regression 2.140, classifier 3.282 [3.225, 3.340].
 * @param target the regression's target side
 */
export function targetClassifier(p: SampleProfile, target: "x" | "y", available: boolean): Companion[] {
  const values = (target === "x" ? p.valuesX : p.valuesY) ?? 0;
  const features = target === "x" ? (p.featuresY ?? p.dy) : (p.featuresX ?? p.dx);
  if (!available || values < 2 || values > p.n / MIN_ROWS_PER_LEVEL) return [];
  if (classifierWork(p.n, values, features) > AUTO_TARGET_CLASSIFIER_WORK) return [];
  return [{ estimator: AUTO_CLASSIFIER, settings: { labels: target }, rule: "larger-bound" }];
}

/** The companions auto runs on the regression's target beside its bound: the classifier on its values, the hurdle. */
export function targetCompanions(
  p: SampleProfile,
  target: "x" | "y",
  available: (name: string) => boolean,
): Companion[] {
  return [
    ...targetClassifier(p, target, available(AUTO_CLASSIFIER)),
    ...hurdleBeside(p, target, available(hurdleEstimator.name)),
  ];
}
