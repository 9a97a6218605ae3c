import type { Estimator } from "../types.js";

/**
 * Every estimator by name: neural bounds and classical estimators share one interface and one result shape.
 * Add one line per estimator.
 */
export const ESTIMATORS: Readonly<Record<string, Estimator>> = {};
