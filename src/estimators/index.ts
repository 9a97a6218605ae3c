import type { Estimator } from "../types.js";
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
};
