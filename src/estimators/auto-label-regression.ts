/** The held-out regression bound `auto` runs beside the classifier when the label is a column of numbers. */
import { AUTO_REGRESSION } from "./auto-choice.js";
import type { Companion } from "./auto-companions.js";
import type { SampleProfile } from "./auto-profile.js";
import { AUTO_REGRESSION_WORK, regressionWork } from "./auto-regression-cost.js";
import { regressionTreesWork } from "./regression-trees.js";

/**
 * The most tree work (regressionTreesWork at 5 folds with 2 bins a column, the least a column has; the regression
 * itself counts its bins and skips the trees above REGRESSION_TREES_MAX_WORK; early stopping ends most fits sooner) the
 * regression bound may cost beside the classifier: integer codes are as often unordered classes, where the bound
 * reads little, and its trees can cost more than the classifier. label-gaussian-10c-64d (10 classes coded 0…9, 64
 * columns, 5,000 rows; 9.7e8): the bound read 0.150 beside the classifier's 1.278, and took the command from 2.5 s to
 * 14.6 s. The tables above cost 1.8e7 (volcano) to 1.8e8 (bakeoff: 80 bakers one-hot, 0.7 s).
 */
export const AUTO_LABEL_REGRESSION_TREES_WORK = 3e8;

/**
 * The regression bound beside the classifier bound, reported when larger (and not above H(Y)), for a label that is
 * one column of integer codes: ratings, grades, counts, years of schooling. Its values have an order, which a
 * softmax over its classes does not know and a regression on the values reads (normal scores, ties ranked at random:
 * a function of the label and independent noise, so still a lower bound on the MI). Rdatasets' MASS/nlschools.csv
 * --y SES (2,287 rows, SES in 21 values): classifier 0.086, regression 0.169 (scikit-learn's held-out bound 0.169);
 * bakeoff/episodes_raw.csv --y technical (696 rows): 0.007 and 0.082 (0.074); datasets/volcano.csv --y V61 (87 rows):
 * 1.010 and 1.502 (1.863). Labels of strings have no order to read, and none runs there; nor above
 * AUTO_LABEL_REGRESSION_TREES_WORK.
 * @param label the label side (the regression's target)
 */
export function labelRegression(p: SampleProfile, label: "x" | "y" | null, available: boolean): Companion[] {
  if (label === null || !available) return [];
  const numeric = label === "x" ? p.numericLabelX : p.numericLabelY;
  const features = label === "x" ? (p.featuresY ?? p.dy) : (p.featuresX ?? p.dx);
  if (numeric !== true || regressionWork(p.n, features) > AUTO_REGRESSION_WORK) return [];
  if (regressionTreesWork(p.n, features, 2 * features, 5) > AUTO_LABEL_REGRESSION_TREES_WORK) return [];
  return [{ estimator: AUTO_REGRESSION, settings: { target: label }, rule: "larger-bound" }];
}
