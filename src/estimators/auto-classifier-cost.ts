/** What the classifier bound would cost `auto`: multiply-adds per pass, and the feature width one-hot coding makes. */
import type { Matrix } from "../types.js";
import type { EstimatorChoice } from "./auto-choice.js";
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

/** What the classifier bound would cost auto, as its reasons and warnings say it. */
export function classifierCostNote(n: number, classes: number, features: number): string {
  return `${classes} classes, ${features} features one-hot, ${n} rows: the classifier bound would cost ${classifierWork(n, classes, features).toExponential(1)} multiply-adds a pass (> ${AUTO_CLASSIFIER_WORK.toExponential(0)})`;
}

/**
 * The estimator auto runs first for a label whose other side mixes categorical and continuous columns (at most
 * AUTO_MAX_KSG_DIM in all) when the classifier would cost more than AUTO_CLASSIFIER_WORK: the nearest-neighbour
 * classifier bound (knn-classifier.ts), whose cost does not grow with the classes or the categories. Gao's estimate,
 * which it replaced, reads far below it there: US zip codes' state from the other five columns (59 classes, city and
 * county one-hot 2,951 features, 42,049 rows) 2.131 nats in 43 s against 3.709 in 4 s (H(state) 3.717); flights'
 * origin from date, delay, distance and destination (220 classes, 20,000 rows) 0.022 against 3.992 (H 4.339).
 */
export const AUTO_KNN_CLASSIFIER = "knn-classifier";

/** auto's knn-classifier choice, its reason and warning carrying what the classifier would have cost (costNote). */
export function knnClassifierChoice(label: "x" | "y", otherName: string, costNote: string): EstimatorChoice {
  return {
    estimator: AUTO_KNN_CLASSIFIER,
    settings: { labels: label },
    reason: `${label} categorical, ${otherName} categorical and continuous columns (${costNote}): nearest-neighbour classifier bound H(Y) − held-out cross-entropy, its columns chosen on held-out rows (Barber & Agakov 2003)`,
    warning: `auto ran the nearest-neighbour classifier bound in place of the softmax classifier bound (${costNote}); it reads only the columns that improve its held-out predictions; -e classifier runs the softmax bound (slowly)`,
  };
}
