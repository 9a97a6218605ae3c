/**
 * The classifier's exact logistic rung on one fold: multinomial logistic regression fitted to its optimum
 * (logistic-exact.ts) at the L2 strength chosen by cross-validation on small tables, or along a validation path on
 * large ones, and how that fit compares with another encoding's and with the marginal.
 */
import type { Mlp } from "../nn/mlp.js";
import { type AbsentClasses, absentClasses } from "./absent-classes.js";
import type { FoldSetup } from "./classifier-fold.js";
import type { FoldRows } from "./classifier-fold-rows.js";
import { type ScoredFit, scoreFit } from "./classifier-selection.js";
import { beatsByOneStderr } from "./held-out-spread.js";
import {
  CHOICE_TOLERANCE,
  chooseL2,
  fitLogisticExact,
  type L2Choice,
  logisticEvaluationWork,
  logisticMlp,
} from "./logistic-exact.js";
import type { ClassifierCapacity, LabelledRows } from "./softmax-classifier.js";

/**
 * The logistic rungs are fitted to their optimum (logistic-exact.ts) over the logistic L2 strengths, not by Adam with
 * early stopping, which a few dozen validation rows time poorly (iris, 150 rows: 1.008 by Adam against scikit-learn's
 * converged 1.028) and which stops short on wide tables. Where an evaluation over the fold's training rows costs at
 * most this many multiply-adds (logisticEvaluationWork: products and softmax), their L2 is chosen by an inner 5-fold
 * cross-validation (45 fits a fold, against 9 along the validation path). Counting the products alone (rows × columns
 * × classes ≤ 200,000, the same cases at 2 to 64 columns) let 56 classes from one column through: 225 fits and 71 s
 * on 3,376 rows.
 */
const CV_L2_WORK = 1_500_000;

export function isExact(c: ClassifierCapacity): boolean {
  return c.hidden.length === 0 && Number.isFinite(c.l2);
}

/**
 * An exactly fitted logistic model as a FittedClassifier scored on the validation rows (absent: the classes its
 * training rows lacked).
 */
export function exactFit(
  capacity: ClassifierCapacity,
  mlp: Mlp,
  absent: AbsentClasses | null,
  validation: LabelledRows,
): ScoredFit {
  return scoreFit({ capacity, mlp, epochs: 0, bestEpoch: 0, absent }, validation);
}

/**
 * L2 strengths along the validation path (strong to weak) past the one with the lowest validation cross-entropy
 * after which the path stops: the cross-entropy falls and then rises as the penalty weakens, and the weakest
 * strengths are both the ones that overfit and the slowest to fit (L-BFGS ran to its 300 iterations). Lahman's
 * Managers (--y rank: 12 classes, 4,340 rows, encodings of 408 and 412 one-hot features) spent most of its 71 s of
 * CPU in the two weakest strengths of the wide encodings, which lost anyway: 45 s with the path stopped, 28 s with
 * its fits at chooseL2's tolerance too (`-e classifier`, the same estimate, 0.785).
 */
const PATH_PATIENCE = 2;

/** The best exact logistic fit of one encoding, and its cross-validation where that ran (chooseL2). */
export interface ExactCandidate {
  readonly scored: ScoredFit;
  readonly cv: L2Choice | null;
}

/**
 * The best exact logistic fit of one encoding on the fold's training rows less its validation rows. Its L2: by
 * cross-validation on all the fold's training rows where that is cheap, else by the validation rows along a path
 * warm-started from strong to weak L2 (with ≥ 1,000 rows the split is informative).
 */
export function bestExactFit(setup: FoldSetup, rows: FoldRows, dim: number): ExactCandidate | null {
  const { classes, kernel } = setup;
  const { all, validation, train } = rows;
  const cv =
    logisticEvaluationWork(all.rows, dim, classes) <= CV_L2_WORK
      ? chooseL2(all, dim, classes, setup.exactL2Grid, kernel)
      : null;
  const absent = absentClasses(train.labels, classes);
  let warm: Float64Array | null = null;
  // Along the path the fits only choose the strength (the chosen one is refitted on every row of the fold), so they
  // stop at chooseL2's looser gradient tolerance; the one strength cross-validation chose is fitted as before.
  const tolerance = cv === null ? CHOICE_TOLERANCE : undefined;
  const rungs = setup.ladder.filter((c) => isExact(c) && (cv === null || c.l2 === cv.l2));
  const best = bestAlongPath(rungs, (capacity) => {
    warm = fitLogisticExact(train, dim, classes, capacity.l2, kernel, warm, tolerance);
    return exactFit(capacity, logisticMlp(warm, dim, classes, kernel), absent, validation);
  });
  return best === null ? null : { scored: best, cv };
}

/**
 * The fit with the lowest validation cross-entropy along the logistic `rungs` (strong to weak L2, each fit
 * warm-started from the one before), stopping PATH_PATIENCE rungs past the lowest so far.
 */
export function bestAlongPath(
  rungs: readonly ClassifierCapacity[],
  fitAt: (capacity: ClassifierCapacity) => ScoredFit,
): ScoredFit | null {
  let best: ScoredFit | null = null;
  let sinceBest = 0;
  for (const capacity of rungs) {
    if (sinceBest >= PATH_PATIENCE) break;
    const scored = fitAt(capacity);
    if (best === null || scored.fit.validationCrossEntropy < best.fit.validationCrossEntropy) {
      best = scored;
      sinceBest = 0;
    } else sinceBest++;
  }
  return best;
}

/** Mean out-of-fold log-likelihood of a candidate's cross-validation (−∞ without one). */
function cvMean(c: ExactCandidate): number {
  return c.cv === null ? Number.NEGATIVE_INFINITY : c.cv.logLik.reduce((a, b) => a + b, 0) / c.cv.logLik.length;
}

/** Whether `a` fits better than `b`: by their cross-validations on all the fold's rows where both ran, else validation. */
export function betterExact(a: ExactCandidate, b: ExactCandidate): boolean {
  if (a.cv !== null && b.cv !== null) return cvMean(a) > cvMean(b);
  return a.scored.fit.validationCrossEntropy < b.scored.fit.validationCrossEntropy;
}

/**
 * The one-standard-error rule between the logistic fit and the marginal on the cross-validation's out-of-fold terms
 * (every training row of the fold) rather than on the validation rows alone: true when the fit beats the marginal
 * by more than a standard error of the paired difference, false when not, null without a cross-validation. On small
 * tables the validation rows are a few dozen: plotly's titanic (126 rows, 4 columns, 20 validation rows a fold) kept
 * the marginal in 3 of 5 folds and read 0.03–0.13 nats by seed where scikit-learn's logistic regression reads 0.18.
 */
export function logisticBeatsMarginal(c: ExactCandidate | null): boolean | null {
  if (c?.cv == null) return null;
  return beatsByOneStderr(c.cv.logLik, c.cv.logMarginal);
}
