import { type AbsentClasses, absentClasses, labelLogProbability } from "../estimators/absent-classes.js";
import { codeCounts } from "../estimators/code-counts.js";
import { logSumExp } from "../math/log-softmax.js";
import type { StopSignal } from "../types.js";
import { type BinnedFeatures, takeRows } from "./feature-bins.js";
import { growTree, shrinkAndAddLeafValues, type Tree, type TreeSettings, treeValue } from "./histogram-tree.js";

/** Boosting settings; the defaults (BOOSTING_DEFAULTS) are scikit-learn's HistGradientBoostingClassifier's. */
export interface BoostingSettings extends TreeSettings {
  /** Shrinkage: each tree's leaf values are scaled by it. */
  readonly learningRate: number;
  readonly maxIterations: number;
  /** Iterations without a better cross-entropy on the stopping rows that end the fit. */
  readonly patience: number;
}

export const BOOSTING_DEFAULTS: BoostingSettings = {
  maxLeaves: 31,
  minRowsPerLeaf: 20,
  minHessian: 1e-3,
  l2: 0,
  learningRate: 0.1,
  maxIterations: 200,
  patience: 10,
};

/**
 * A boosted-tree softmax classifier: logits f_k(x) = prior_k + Σ_t tree_{t,k}(x). With two classes one tree per
 * iteration moves class 1's logit and class 0's stays at its prior (binary logistic boosting); with more, one tree
 * per class per iteration (Friedman 2001, sec. 4.6).
 */
export interface BoostedSoftmax {
  readonly classes: number;
  /** log of the training rows' class frequencies (a class absent from them counted as half a row). */
  readonly prior: Float64Array;
  /** The classes whose logits the trees move: [1] for two classes, else all. */
  readonly moved: readonly number[];
  /** trees[t][j]: iteration t's tree for class moved[j], leaf values already scaled by the learning rate. */
  readonly trees: readonly (readonly Tree[])[];
  /** The classes the training rows lacked, scored as absent-classes.ts says (null: none). */
  readonly absent: AbsentClasses | null;
}

/** A fit and how it stopped. */
export interface BoostedFit {
  readonly model: BoostedSoftmax;
  /** Mean cross-entropy (nats) on the stopping rows at the iteration kept (NaN without stopping rows). */
  readonly stopCrossEntropy: number;
}

/**
 * Fit by second-order boosting of the softmax cross-entropy (gradient p_k − [y = k], hessian p_k(1 − p_k), as
 * scikit-learn and LightGBM): on `train` rows, keeping the iteration whose mean cross-entropy on `stop` rows is
 * lowest and ending after `patience` iterations without a new lowest; without stopping rows, maxIterations.
 *
 * @param labels class code of every row of `binned`
 */
export function fitBoostedSoftmax(
  binned: BinnedFeatures,
  labels: Int32Array,
  classes: number,
  train: Int32Array,
  stop: Int32Array | null,
  settings: BoostingSettings,
  signal?: StopSignal,
): BoostedFit {
  // The training rows, then the stopping rows, copied into one block: every per-row array below is then read in
  // order (the rows of a fold are scattered over the table). Trees split on bin codes, so they apply to any row.
  const m = train.length;
  const local = takeRows(binned, stop === null ? train : Int32Array.from([...train, ...stop]));
  const y = Int32Array.from(
    { length: local.rows },
    (_, i) => labels[i < m ? (train[i] as number) : ((stop as Int32Array)[i - m] as number)] as number,
  );
  const counts = codeCounts(y.subarray(0, m), classes);
  const prior = Float64Array.from(counts, (c) => Math.log(Math.max(0.5, c) / m));
  const absent = absentClasses(y.subarray(0, m), classes);
  const moved = classes === 2 ? [1] : Array.from({ length: classes }, (_, k) => k);
  const logits = new Float64Array(local.rows * classes);
  for (let r = 0; r < local.rows; r++) logits.set(prior, r * classes);
  const grad = new Float64Array(m);
  const hess = new Float64Array(m);
  const p = new Float64Array(m * classes);
  const rows = Int32Array.from({ length: m }, (_, i) => i);
  const stopRows = Int32Array.from({ length: local.rows - m }, (_, i) => m + i);
  const trees: Tree[][] = [];
  let best = {
    iterations: 0,
    crossEntropy: stop === null ? Number.NaN : crossEntropy(logits, y, classes, stopRows, absent),
  };
  for (let t = 0; t < settings.maxIterations && !signal?.stopped; t++) {
    for (let r = 0; r < m; r++) softmaxInto(logits, r, classes, p);
    const round: Tree[] = [];
    for (const k of moved) {
      for (let r = 0; r < m; r++) {
        const pk = p[r * classes + k] as number;
        grad[r] = pk - (y[r] === k ? 1 : 0);
        hess[r] = Math.max(pk * (1 - pk), 1e-16);
      }
      const grown = growTree(local, grad, hess, rows, settings);
      const { tree } = grown;
      // The training rows by their leaves; only the stopping rows descend the tree.
      shrinkAndAddLeafValues(grown, rows, settings.learningRate, logits, classes, k);
      for (let r = m; r < local.rows; r++) {
        logits[r * classes + k] = (logits[r * classes + k] as number) + treeValue(tree, local, r);
      }
      round.push(tree);
    }
    trees.push(round);
    if (stop === null) continue;
    const ce = crossEntropy(logits, y, classes, stopRows, absent);
    if (ce < best.crossEntropy - 1e-7) best = { iterations: t + 1, crossEntropy: ce };
    else if (t + 1 - best.iterations >= settings.patience) break;
  }
  const kept = stop === null ? trees : trees.slice(0, best.iterations);
  return { model: { classes, prior, moved, trees: kept, absent }, stopCrossEntropy: best.crossEntropy };
}

/** log q(y_r | x_r) of the model at each of `rows` (in their order), y the row's label. */
export function boostedLogLikelihoods(
  model: BoostedSoftmax,
  binned: BinnedFeatures,
  labels: Int32Array,
  rows: ArrayLike<number>,
): Float64Array {
  const { classes, prior, moved, trees, absent } = model;
  const out = new Float64Array(rows.length);
  const f = new Float64Array(classes);
  const per = moved.length;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    f.set(prior);
    for (let t = 0; t < trees.length; t++) {
      const round = trees[t] as readonly Tree[];
      for (let j = 0; j < per; j++) {
        const k = moved[j] as number;
        f[k] = (f[k] as number) + treeValue(round[j] as Tree, binned, r);
      }
    }
    out[i] = labelLogProbability(f, 0, classes, labels[r] as number, absent);
  }
  return out;
}

/** Mean −log q(y|x) over `rows` (absent: of the training rows). */
function crossEntropy(
  logits: Float64Array,
  labels: Int32Array,
  classes: number,
  rows: Int32Array,
  absent: AbsentClasses | null,
): number {
  let sum = 0;
  for (const r of rows) sum -= labelLogProbability(logits, r * classes, classes, labels[r] as number, absent);
  return sum / rows.length;
}

/** Row r's softmax of `logits` into the same place of `out`. */
function softmaxInto(logits: Float64Array, r: number, classes: number, out: Float64Array): void {
  const at = r * classes;
  const lse = logSumExp(logits, at, classes);
  for (let k = 0; k < classes; k++) out[at + k] = Math.exp((logits[at + k] as number) - lse);
}
