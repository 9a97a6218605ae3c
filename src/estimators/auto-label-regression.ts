/** The held-out regression bound `auto` runs beside the classifier when the label is a column of numbers. */
import { AUTO_REGRESSION } from "./auto-choice.js";
import type { Companion } from "./auto-companions.js";
import type { SampleProfile } from "./auto-profile.js";
import { AUTO_REGRESSION_WORK, regressionWork } from "./auto-regression-cost.js";

/**
 * The regression bound beside the classifier bound, reported when larger (and not above H(Y)), for a label that is
 * one column of integer codes: ratings, grades, counts, years of schooling. Its values have an order, which a
 * softmax over its classes does not know and a regression on the values reads (normal scores, ties ranked at random:
 * a function of the label and independent noise, so still a lower bound on the MI). Rdatasets' MASS/nlschools.csv
 * --y SES (2,287 rows, SES in 21 values): classifier 0.086, regression 0.169 (scikit-learn's held-out bound 0.169);
 * bakeoff/episodes_raw.csv --y technical (696 rows): 0.007 and 0.082 (0.074); datasets/volcano.csv --y V61 (87 rows):
 * 1.010 and 1.502 (1.863). Labels of strings have no order to read, and none runs there.
 * @param label the label side (the regression's target)
 */
export function labelRegression(p: SampleProfile, label: "x" | "y" | null, available: boolean): Companion[] {
  if (label === null || !available) return [];
  const numeric = label === "x" ? p.numericLabelX : p.numericLabelY;
  const features = label === "x" ? (p.featuresY ?? p.dy) : (p.featuresX ?? p.dx);
  if (numeric !== true || regressionWork(p.n, features) > AUTO_REGRESSION_WORK) return [];
  return [{ estimator: AUTO_REGRESSION, settings: { target: label }, rule: "larger-bound" }];
}
