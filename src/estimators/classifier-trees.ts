import {
  BOOSTING_DEFAULTS,
  type BoostedSoftmax,
  boostedLogLikelihoods,
  fitBoostedSoftmax,
} from "../trees/boosted-softmax.js";
import { type BinnedFeatures, binFeatures } from "../trees/feature-bins.js";
import type { Matrix, StopSignal } from "../types.js";
import { stratifiedFolds } from "./classifier-selection.js";
import { beatsByOneStderr } from "./held-out-spread.js";

/**
 * The boosted-tree rung of the classifier's ladder: scikit-learn's HistGradientBoostingClassifier settings
 * (31 leaves, 20 rows a leaf, learning rate 0.1, at most 200 iterations, early stopping after 10 without progress).
 * Trees read thresholds and interactions that a logistic model or a small MLP on a few thousand rows does not:
 * plotly's winequality-red (quality from 11 columns, 1,599 rows) reads 0.221 nats by logistic regression and 0.30 by
 * these trees (scikit-learn's HistGradientBoosting: 0.284).
 */
export const TREES_CAPACITY = { trees: BOOSTING_DEFAULTS } as const;

export type TreesCapacity = typeof TREES_CAPACITY;

/**
 * Most cost units (treesWork) one fold's trees may take at their iteration limit, for `capacity: "auto"`: above it
 * they are not tried. A tree costs a histogram pass over its rows' cells (the smaller child is summed, the larger is
 * its parent less that) and a split search over every bin of every leaf; timed alone on this machine
 * (scripts/tree-cost.mjs), a tree took 9–26 ns a unit of rows × columns + 31 × bins in two runs at load 2,
 * from 200 binary to 100 quantile-binned columns.
 * Seaborn's diamonds (cut from 22 one-hot features, 5 classes, 43,000 rows a fold; 1.1e9 units) take 38 s for 0.832
 * nats, where the best model before them read 0.750 (scikit-learn's HistGradientBoosting: 0.841 in 32 s on 2
 * threads). label-gaussian-10c-64d at 5,000 rows (64 columns of 256 bins, 10 classes, 1.5e9) cost 70 CPU seconds in
 * the trees, which lost to logistic regression in every fold (a Gaussian law, whose posterior is logistic); 784
 * pixel columns, 10 classes and 8,000 rows a fold (1.3e10) took 330 s of the 348 s of `auto`, and lost too.
 */
export const TREES_MAX_WORK = 1.25e9;

/**
 * Cost units of one fold's trees at the iteration limit: trees × (rows × columns + leaves × bins), `bins` the total
 * over the columns (BinnedFeatures.offsets[cols]).
 */
export function treesWork(rows: number, cols: number, bins: number, classes: number): number {
  const { maxIterations, maxLeaves } = TREES_CAPACITY.trees;
  return maxIterations * (classes === 2 ? 1 : classes) * (rows * cols + maxLeaves * bins);
}

/** Boosted trees fitted on a fold's training rows, early-stopped on rows of their own, scored on the validation rows. */
export interface FittedTrees {
  readonly capacity: TreesCapacity;
  readonly model: BoostedSoftmax;
  readonly validationCrossEntropy: number;
  /** Boosting iterations kept by early stopping: the refit on every training row of the fold runs as many. */
  readonly iterations: number;
  /** Every row of the table binned at the cut points of the rows that fitted the trees, which split on these bins. */
  readonly binned: BinnedFeatures;
}

/** The rows of one fold for the trees, as indices into the features (every row of the table). */
export interface TreeRows {
  /** The features, preprocessed; each fit bins them at its own training rows' cut points (binFeatures). */
  readonly features: Matrix<Float64Array>;
  /** The class code of every row. */
  readonly codes: Int32Array;
  readonly classes: number;
}

/**
 * Fraction of a fit's training rows that early stopping holds back: scikit-learn's validation_fraction. Trees are
 * hungry for rows: on winequality-red, the cross-validated trees of a fold beat logistic regression by 0.013–0.043
 * nats with 20% held back, and by 0.014–0.062 with 10%.
 */
export const STOP_FRACTION = 0.1;

/**
 * `train` split into the rows that fit the trees and the STOP_FRACTION that early-stops them, stratified by class
 * (scikit-learn stratifies its validation split for a classifier): a tenth of the rows at random can hold none of a
 * rare class, and then the trees stop at once. plm's Hedonic (Boston housing, 506 rows; chas, 35 of them 1): about 3
 * of a fit's 36 stopping rows are expected to be 1, and the fits stopped after 0–13 iterations. A label of 6% from
 * an interaction of two of four normal columns, 500 rows, 10 seeds (scripts/classifier-trees-splits.mjs): the trees
 * read 0.063 on average, twice below 0.01; stratified, 0.088, none below 0.03.
 */
export function stoppingSplit(
  train: readonly number[],
  codes: Int32Array,
  classes: number,
): { readonly fit: Int32Array; readonly stop: Int32Array } {
  const fold = stratifiedFolds(Int32Array.from(train), codes, classes, Math.round(1 / STOP_FRACTION));
  return {
    fit: Int32Array.from(train.filter((r) => fold[r] !== 0)),
    stop: Int32Array.from(train.filter((r) => fold[r] === 0)),
  };
}

/**
 * Fit on `train` less a stratified STOP_FRACTION of it, early-stopped on those (as the MLPs are: the stopping rows
 * would flatter the fit), and score `validation`; returns the fit and its validation log-likelihoods.
 */
export function fitTrees(
  rows: TreeRows,
  train: readonly number[],
  validation: readonly number[],
  stop?: StopSignal,
): { readonly fit: FittedTrees; readonly logLik: Float64Array } {
  const { features, codes, classes } = rows;
  const split = stoppingSplit(train, codes, classes);
  const binned = binFeatures(features, split.fit);
  const { model } = fitBoostedSoftmax(binned, codes, classes, split.fit, split.stop, TREES_CAPACITY.trees, stop);
  const logLik = boostedLogLikelihoods(model, binned, codes, validation);
  const validationCrossEntropy = -logLik.reduce((a, b) => a + b, 0) / logLik.length;
  const fit = { capacity: TREES_CAPACITY, model, validationCrossEntropy, iterations: model.trees.length, binned };
  return { fit, logLik };
}

/** The chosen trees refitted on every training row of the fold for the iterations early stopping kept, scored on `held`. */
export function refitTreesLogLik(
  rows: TreeRows,
  fit: FittedTrees,
  train: readonly number[],
  held: readonly number[],
  stop?: StopSignal,
): Float64Array {
  const { features, codes, classes } = rows;
  const settings = { ...TREES_CAPACITY.trees, maxIterations: Math.max(1, fit.iterations) };
  const fitRows = Int32Array.from(train);
  const binned = binFeatures(features, fitRows);
  const { model } = fitBoostedSoftmax(binned, codes, classes, fitRows, null, settings, stop);
  return boostedLogLikelihoods(model, binned, codes, held);
}

/** The trees cross-validated on a fold's training rows. */
export interface TreesCrossValidation {
  /** Out-of-fold log q(y|x) of every row, in their order. */
  readonly logLik: Float64Array;
  /** The last inner fold's fit, with the median of the inner fits' iterations (what a refit runs). */
  readonly fit: FittedTrees;
}

/**
 * Out-of-fold log q(y|x) of every row of `rows`: `folds` contiguous folds, as chooseL2 cuts them
 * (logistic-exact.ts), so the two are compared row for row.
 */
export function treesOutOfFold(
  data: TreeRows,
  rows: readonly number[],
  folds = 5,
  stop?: StopSignal,
): TreesCrossValidation {
  const logLik = new Float64Array(rows.length);
  const iterations: number[] = [];
  let last: FittedTrees | null = null;
  for (let f = 0; f < folds; f++) {
    const from = Math.floor((f * rows.length) / folds);
    const to = Math.floor(((f + 1) * rows.length) / folds);
    const inner = fitTrees(data, [...rows.slice(0, from), ...rows.slice(to)], rows.slice(from, to), stop);
    logLik.set(inner.logLik, from);
    iterations.push(inner.fit.iterations);
    last = inner.fit;
  }
  iterations.sort((a, b) => a - b);
  const median = iterations[Math.floor(iterations.length / 2)] as number;
  return { logLik, fit: { ...(last as FittedTrees), iterations: median } };
}

/**
 * The trees against the logistic fit where that was cross-validated (small tables): cross-validated on the same rows
 * and folds, they replace it only when they beat it there by more than a paired standard error; then their own
 * out-of-fold terms face the marginal, and those of the validation rows, which no inner fit trained on, face the
 * MLPs. Elsewhere they compete on the validation rows. On a few dozen validation rows the trees won by noise:
 * penguins (344 rows) read 1.019 with trees chosen in 4 folds of 5, against 1.039 by logistic regression alone.
 */
export interface TreesVerdict {
  readonly cv: TreesCrossValidation;
  /** Whether they beat the logistic fit, and the marginal, by more than a paired standard error. */
  readonly win: boolean;
  readonly beatsMarginal: boolean;
}

/** The trees cross-validated on `rest` and compared with the logistic fit's cross-validation (chooseL2's L2Choice). */
export function treesByCrossValidation(
  rows: TreeRows,
  rest: readonly number[],
  logistic: { readonly logLik: Float64Array; readonly logMarginal: Float64Array },
  stop?: StopSignal,
): TreesVerdict {
  const cv = treesOutOfFold(rows, rest, 5, stop);
  return {
    cv,
    win: cv.fit.iterations > 0 && beatsByOneStderr(cv.logLik, logistic.logLik),
    beatsMarginal: beatsByOneStderr(cv.logLik, logistic.logMarginal),
  };
}

/** The trees' fit scored on the validation rows (rest's first nVal): out of fold where they were cross-validated, else fitted on the others. */
export function scoredTrees(
  rows: TreeRows,
  verdict: TreesVerdict | null,
  rest: readonly number[],
  nVal: number,
  stop?: StopSignal,
): { readonly fit: FittedTrees; readonly logLik: Float64Array } {
  if (verdict === null) return fitTrees(rows, rest.slice(nVal), rest.slice(0, nVal), stop);
  const logLik = verdict.cv.logLik.slice(0, nVal);
  return { fit: { ...verdict.cv.fit, validationCrossEntropy: -logLik.reduce((a, b) => a + b, 0) / nVal }, logLik };
}

/** log q(y|x) of a fitted model at `held`. */
export function treesLogLik(rows: TreeRows, fit: FittedTrees, held: readonly number[]): Float64Array {
  return boostedLogLikelihoods(fit.model, fit.binned, rows.codes, held);
}
