/** What the classifier bound would cost `auto`: multiply-adds per pass, and the feature width one-hot coding makes. */
import type { Matrix } from "../types.js";
import type { EstimatorChoice } from "./auto-companions.js";
import type { SampleProfile } from "./auto-profile.js";
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
 * indicators (columnIndicators: the levels of at least MIN_ROWS_PER_INDICATOR rows but the most frequent, and one
 * for the rarer ones pooled).
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

/**
 * Up to this cost (classifierWork) the softmax classifier still runs beside knn-classifier, and its bound is reported
 * when larger: a neighbour model cannot add up many small effects of many categories, which one-hot logistic
 * regression does. football.json's home score (11 classes; home and away team one-hot, 241 features, 6,504 rows,
 * 1.8e7): knn-classifier −0.003, the classifier 0.030 in 61 s (on 2 cores loaded 13); a 20-class label from a normal
 * column plus the effect of a 300-category text column (5,000 rows, 3.2e7): 0.378 against 0.790 in 105 s (load 11).
 * Zip codes (7.4e9) and flights (9.1e8) are far above it.
 */
export const AUTO_CLASSIFIER_BESIDE_WORK = 5e7;

/**
 * What runs beside knn-classifier: the softmax classifier on every column up to AUTO_CLASSIFIER_BESIDE_WORK, else
 * without the many-level text columns (manyLevelColumns: 'leave out') where that costs at most AUTO_CLASSIFIER_WORK
 * (what auto spends on it as its first choice), else nothing. A text key of a few rows per value, beside columns a
 * linear model reads: DAAG/nassCDS.csv --y occRole (26,063 rows; caseid, 9,409 values, 1,490 indicators of 1,492
 * features, 7.9e7 a pass; 2.1e6 without) read 0.002 by knn-classifier alone, and the classifier without caseid
 * 0.029 (scikit-learn's logistic regression without it: 0.027). The larger budget let zipcodes.csv's state run it
 * on zip code, latitude and longitude (59 classes, 42,049 rows, 4.7e7): 279 s for 3.607, beside knn-classifier's
 * 3.708 in 7 s.
 */
export type ClassifierBeside = "every column" | { readonly fewLevelFeatures: number } | null;

/** What runs beside knn-classifier for a label of `classes` whose classifier costs `work` a pass on every column. */
export function classifierBeside(p: SampleProfile, label: "x" | "y", classes: number, work: number): ClassifierBeside {
  if (work <= AUTO_CLASSIFIER_BESIDE_WORK) return "every column";
  const few = label === "x" ? p.fewLevelFeaturesY : p.fewLevelFeaturesX;
  return few !== undefined && classifierWork(p.n, classes, few) <= AUTO_CLASSIFIER_WORK
    ? { fewLevelFeatures: few }
    : null;
}

/**
 * auto's knn-classifier choice: its reason carries what the classifier would cost (costNote), and the classifier
 * runs beside it as `beside` says (reported when larger); where it does not run, or not on every column, a warning
 * says so.
 */
export function knnClassifierChoice(
  label: "x" | "y",
  otherName: string,
  costNote: string,
  beside: ClassifierBeside,
): EstimatorChoice {
  const reason = `${label} categorical, ${otherName} categorical and continuous columns (${costNote}): nearest-neighbour classifier bound H(Y) − held-out cross-entropy, its columns chosen on held-out rows (Barber & Agakov 2003)`;
  const budget = AUTO_CLASSIFIER_BESIDE_WORK.toExponential(0);
  if (beside === "every column") {
    return {
      estimator: AUTO_KNN_CLASSIFIER,
      settings: { labels: label },
      reason: `${reason}; beside it, reported when larger: the softmax classifier bound (≤ ${budget} a pass)`,
      companions: [{ estimator: "classifier", settings: { labels: label }, rule: "larger-bound" }],
    };
  }
  const replaced = `auto ran the nearest-neighbour classifier bound in place of the softmax classifier bound (${costNote}, and > ${budget} to run beside it)`;
  if (beside !== null) {
    return {
      estimator: AUTO_KNN_CLASSIFIER,
      settings: { labels: label },
      reason: `${reason}; beside it, reported when larger: the softmax classifier bound without the many-level text columns (${beside.fewLevelFeatures} features, ≤ ${AUTO_CLASSIFIER_WORK.toExponential(0)} a pass)`,
      companions: [
        {
          estimator: "classifier",
          settings: { labels: label, manyLevelColumns: "leave out" },
          rule: "larger-bound",
        },
      ],
      warning: `${replaced}; beside it the softmax bound ran without the many-level text columns (${beside.fewLevelFeatures} features); -e classifier runs it on every column (slowly)`,
    };
  }
  return {
    estimator: AUTO_KNN_CLASSIFIER,
    settings: { labels: label },
    reason,
    warning: `${replaced}; it reads only the columns that improve its held-out predictions; -e classifier runs the softmax bound (slowly)`,
  };
}
