import type { ColumnCategories, Estimate, EstimateOptions, Matrix } from "../types.js";

/** A sample of three variables for I(X;Y|Z): row i of x, y and z belong together. */
export interface ConditionalSample {
  readonly x: Matrix<Float64Array>;
  readonly y: Matrix<Float64Array>;
  readonly z: Matrix<Float64Array>;
  /** Category labels of string/boolean columns, per side (as PairedSample.categories), z included. */
  readonly categories?: ColumnCategories & { readonly z: readonly (readonly string[] | undefined)[] };
}

/** A conditional-MI estimator: the same Estimate shape as the MI estimators (nats, interval, settings). */
export interface CmiEstimator {
  readonly name: string;
  readonly description: string;
  estimate(sample: ConditionalSample, options?: EstimateOptions): Promise<Estimate>;
}
