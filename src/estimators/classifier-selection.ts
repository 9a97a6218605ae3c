import type { FittedTrees } from "./classifier-trees.js";
import { pairedStderr } from "./held-out-spread.js";
import { crossEntropyOf, type FittedClassifier, type LabelledRows, labelLogLikelihoods } from "./softmax-classifier.js";

/** A model of one fold's ladder: a softmax network (the marginal, logistic regression, an MLP) or boosted trees. */
export type FittedModel = FittedClassifier | FittedTrees;

/** Whether a fitted model is the boosted trees. */
export function isTrees(fit: FittedModel): fit is FittedTrees {
  return "model" in fit;
}

/** A fitted capacity with its log-likelihood of each validation row's label (the same rows for every capacity). */
export interface ScoredFit {
  readonly fit: FittedModel;
  readonly logLik: Float64Array;
}

/**
 * A fit scored on the validation rows: their log-likelihoods, and from them its validation cross-entropy (one
 * forward pass over the rows for both).
 */
export function scoreFit(fit: Omit<FittedClassifier, "validationCrossEntropy">, validation: LabelledRows): ScoredFit {
  const logLik = labelLogLikelihoods(fit.mlp, validation, fit.absent);
  return { fit: { ...fit, validationCrossEntropy: crossEntropyOf(logLik) }, logLik };
}

/**
 * The one-standard-error rule (Breiman et al. 1984; Hastie, Tibshirani & Friedman, sec. 7.10): the simplest
 * capacity (ladder order) whose validation cross-entropy is within one standard error of the best. On a few
 * dozen validation rows the raw minimum picks a larger model by noise (iris: the MLP over logistic regression,
 * 0.99 against 1.01 held out).
 *
 * The standard error is that of the difference between the candidate and the best on the same validation rows, not
 * of the best's own cross-entropy, which measures how the label's surprise varies from row to row rather than how
 * two models differ: two models that fail on the same rows differ by much less than either's spread. (Against the
 * marginal of a balanced label, whose −log p̂(y) is the same on every row, the two agree.)
 */
export function oneStandardError(fits: readonly ScoredFit[]): FittedModel {
  let best = fits[0] as ScoredFit;
  for (const f of fits) if (f.fit.validationCrossEntropy < best.fit.validationCrossEntropy) best = f;
  const within = (f: ScoredFit) =>
    f.fit.validationCrossEntropy <= best.fit.validationCrossEntropy + pairedStderr(f.logLik, best.logLik);
  return (fits.find(within) ?? best).fit;
}

/**
 * One fold's ladder, simplest first: `fits` in the order they were made (the marginal, the MLPs, then any trees),
 * with `second` right after the marginal — the logistic fit, or the trees where they beat it by cross-validation,
 * which take its place ahead of the MLPs. That verdict is drawn from every training row of the fold, the MLPs' from
 * one validation split: left behind them, trees that won it by 0.025–0.035 nats a row lost to an MLP within a
 * standard error on UCI's sick-euthyroid.data (2,000 complete rows: 0.209, where the trees alone read 0.262 and
 * scikit-learn's boosted trees 0.269).
 */
export function inLadderOrder(fits: readonly ScoredFit[], second: ScoredFit | null): ScoredFit[] {
  const rest = fits.filter((f) => f !== second);
  return second === null ? rest : [...rest.slice(0, 1), second, ...rest.slice(1)];
}

/** The best-validated fit that is not `chosen` (null when there is none): its held-out terms give an interval's width. */
export function runnerUp(fits: readonly ScoredFit[], chosen: FittedModel): ScoredFit | null {
  let best: ScoredFit | null = null;
  for (const f of fits) {
    if (f.fit === chosen) continue;
    if (best === null || f.fit.validationCrossEntropy < best.fit.validationCrossEntropy) best = f;
  }
  return best;
}

/**
 * Stratified folds (as scikit-learn's StratifiedKFold): the rows of each class, in `order` (shuffled), dealt
 * round-robin with one counter across classes, so every fold holds each class in its overall proportion.
 * Unstratified folds of a small table shift the class mix between training and held-out rows, which the held-out
 * cross-entropy pays for (iris: 0.99–1.02 across seeds unstratified). Returns each row's fold.
 */
export function stratifiedFolds(order: Int32Array, codes: Int32Array, classes: number, folds: number): Int32Array {
  const fold = new Int32Array(codes.length);
  let dealt = 0;
  for (let c = 0; c < classes; c++) {
    for (const r of order) if (codes[r] === c) fold[r] = dealt++ % folds;
  }
  return fold;
}
