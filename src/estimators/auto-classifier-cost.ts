/** What the classifier bound would cost `auto`: multiply-adds per pass, and the feature width one-hot coding makes. */
import type { Matrix } from "../types.js";
import { SOFTMAX_EXP_COST } from "./logistic-exact.js";
import { columnIndicators } from "./one-hot.js";

/**
 * The classifier goes after a nearest-neighbour estimate (Ross's for a continuous other side, Gao's for a mixed
 * one of at most AUTO_MAX_KSG_DIM columns) when its cost (classifierWork) is above this: its fits run a softmax over
 * every class for every row, hundreds of times a fold. US zip codes' state (51 classes) from their longitude, 42,000
 * rows: 258 s of classifier fits before Ross's estimate, which auto then reported, in 1 s; airports' state from
 * latitude (3,400 rows, 3.2M) stays at 16 s. From every other column (city and county one-hot: 2,950 features,
 * 7e9 a pass) it ran past 120 s. Where neither applies (many features) the classifier is the estimator and runs.
 */
export const AUTO_CLASSIFIER_WORK = 1e7;

/** The classifier's cost in multiply-adds per pass over the rows: products with the features and the softmax. */
export function classifierWork(n: number, classes: number, features: number): number {
  return n * classes * (features + SOFTMAX_EXP_COST);
}

/**
 * The classifier's feature count for a side (one-hot.ts): one per continuous column, and per categorical column its
 * indicators (columnIndicators: the levels of at least MIN_ROWS_PER_INDICATOR rows but the most frequent).
 */
export function classifierFeatures(m: Matrix<Float64Array>, categorical: readonly boolean[]): number {
  let width = 0;
  for (let c = 0; c < m.cols; c++) width += categorical[c] ? columnIndicators(m, c).count : 1;
  return width;
}
