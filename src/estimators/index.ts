import type { Estimator } from "../types.js";
import { autoEstimator } from "./auto.js";
import { classifierEstimator } from "./classifier.js";
import { discreteEstimator } from "./discrete.js";
import { gaussianEstimator } from "./gaussian.js";
import { ksg2Estimator, ksgEstimator } from "./ksg.js";
import { mixedEstimator } from "./mixed.js";
import { NEURAL_ESTIMATORS } from "./neural.js";

/**
 * Every estimator by name: neural bounds and classical estimators share one interface and one result shape.
 * The neural ones come from the bound registry (one per bound); add one line per classical estimator.
 */
export const ESTIMATORS: Readonly<Record<string, Estimator>> = {
  ...Object.fromEntries(NEURAL_ESTIMATORS.map((e) => [e.name, e])),
  ksg: ksgEstimator,
  ksg2: ksg2Estimator,
  gaussian: gaussianEstimator,
  discrete: discreteEstimator,
  mixed: mixedEstimator,
  classifier: classifierEstimator,
  auto: autoEstimator,
};
