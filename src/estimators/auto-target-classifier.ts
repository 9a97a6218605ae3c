/** The classifier bound `auto` runs beside the regression bound when the target column takes few values. */
import { AUTO_CLASSIFIER } from "./auto-choice.js";
import { classifierWork } from "./auto-classifier-cost.js";
import type { Companion } from "./auto-companions.js";
import { hurdleBeside } from "./auto-hurdle.js";
import type { SampleProfile } from "./auto-profile.js";
import { MIN_ROWS_PER_LEVEL } from "./categorical.js";
import { hurdleEstimator } from "./hurdle.js";

/**
 * The most classifier work (classifierWork, multiply-adds a pass) auto spends on this companion: a softmax over
 * many values fits slowly (its ladder and trees scale with the classes), beside a bound that took a second or two.
 * Seconds of the whole command, before → after, with two sweeps running beside: Rdatasets' Ecdat/Clothing.csv
 * --y start (56 values, 400 rows, 12 columns; 6.3e5) 2.8 → 30 s for 0.83 → 2.04 nats; the lb_metabolic table below
 * (6.3e5) 3.3 → 19 s; stevedata/GHR04.csv --y cwdeaths (1.8e5) 1.7 → 14 s for 0.04 → 0.18. Above it:
 * COUNT/azpro.csv --y hospital (1.3e6) 3.1 → 18.5 s for 0.004 → 0.059, gap/cnv.csv --y freq (1.7e6) 0.7 → 20 s
 * for a bound below the regression's, survival/udca2.csv --y futime (210 values, 6.5e6) 11 → 82 s for 1.58 → 4.82.
 */
export const AUTO_TARGET_CLASSIFIER_WORK = 1e6;

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
