import type { Estimator } from "../types.js";
import { autoEstimator } from "./auto.js";
import { classifierEstimator } from "./classifier.js";
import { discreteEstimator } from "./discrete.js";
import { gaussianEstimator } from "./gaussian.js";
import { hurdleEstimator } from "./hurdle.js";
import { knnClassifierEstimator } from "./knn-classifier.js";
import { ksg2Estimator, ksgEstimator } from "./ksg.js";
import { mixedEstimator } from "./mixed.js";
import { NEURAL_BY_NAME } from "./neural.js";
import { regressionEstimator } from "./regression.js";
import { tCopulaEstimator } from "./t-copula.js";

/**
 * Every estimator by name: neural bounds and classical estimators share one interface and one result shape.
 * The neural ones come from the bound registry (one per bound); add one line per classical estimator. The keys are
 * literal, so `ESTIMATORS.infonce` is an estimator (no undefined to rule out) and a typo does not compile; each
 * entry takes its own typed options and types the settings of its estimate.
 */
export const ESTIMATORS = {
  ...NEURAL_BY_NAME,
  ksg: ksgEstimator,
  ksg2: ksg2Estimator,
  gaussian: gaussianEstimator,
  discrete: discreteEstimator,
  mixed: mixedEstimator,
  classifier: classifierEstimator,
  "knn-classifier": knnClassifierEstimator,
  regression: regressionEstimator,
  hurdle: hurdleEstimator,
  "t-copula": tCopulaEstimator,
  auto: autoEstimator,
} as const;

/** The name of a registered estimator. */
export type EstimatorName = keyof typeof ESTIMATORS;

/**
 * ESTIMATORS for a lookup by a name known only at run time (the CLI, the benchmark, workers): options and
 * settings untyped, checked at run time by each estimator.
 */
export const ESTIMATORS_BY_NAME: Readonly<Record<string, Estimator>> = ESTIMATORS;
