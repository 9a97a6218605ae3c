import type { Estimator } from "../types.js";
import { autoEstimator } from "./auto.js";
import { classifierEstimator } from "./classifier.js";
import { discreteEstimator } from "./discrete.js";
import { gaussianEstimator } from "./gaussian.js";
import { ksg2Estimator, ksgEstimator } from "./ksg.js";
import { mixedEstimator } from "./mixed.js";
import {
  alphaEstimator,
  dvEstimator,
  infonceEstimator,
  jsEstimator,
  mineEstimator,
  nwjEstimator,
  smileEstimator,
} from "./neural.js";

/**
 * Every estimator by name: neural bounds and classical estimators share one interface and one result shape.
 * Add one line per estimator.
 */
export const ESTIMATORS: Readonly<Record<string, Estimator>> = {
  infonce: infonceEstimator,
  nwj: nwjEstimator,
  dv: dvEstimator,
  mine: mineEstimator,
  js: jsEstimator,
  smile: smileEstimator,
  alpha: alphaEstimator,
  ksg: ksgEstimator,
  ksg2: ksg2Estimator,
  gaussian: gaussianEstimator,
  discrete: discreteEstimator,
  mixed: mixedEstimator,
  classifier: classifierEstimator,
  auto: autoEstimator,
};
