import type { StopSignal } from "../types.js";
import type { BoostingSettings } from "./boosted-softmax.js";
import type { BinnedFeatures } from "./feature-bins.js";
import { growTree, shrinkAndAddLeafValues, type Tree, treeValue } from "./histogram-tree.js";

/** A boosted regression: f(x) = base + Σ_t tree_t(x), the trees' leaf values already scaled by the learning rate. */
export interface BoostedRegression {
  readonly base: number;
  readonly trees: readonly Tree[];
}

/** A fit and how it stopped. */
export interface BoostedRegressionFit {
  readonly model: BoostedRegression;
  /** Mean squared error on the stopping rows at the iteration kept (NaN without stopping rows). */
  readonly stopMeanSquaredError: number;
}

/**
 * Fit by boosting the squared loss ½(f − t)² (Friedman 2001, LS_Boost; gradient f − t, hessian 1, so a leaf's Newton
 * step is the mean residual of its rows, as scikit-learn's HistGradientBoostingRegressor): on `train` rows, keeping
 * the iteration whose mean squared error on `stop` rows is lowest and ending after `patience` iterations without a
 * new lowest; without stopping rows, maxIterations.
 *
 * The base is the mean of t over the train and stop rows together (scikit-learn takes the train rows'): a fit that
 * early stopping keeps at 0 iterations then predicts what the marginal model fitted on the same rows does, and
 * competes with it as an equal rather than by a shift of the mean.
 *
 * @param t target of every row of `binned` (only train and stop rows are read)
 */
export function fitBoostedRegression(
  binned: BinnedFeatures,
  t: Float64Array,
  train: Int32Array,
  stop: Int32Array | null,
  settings: BoostingSettings,
  signal?: StopSignal,
): BoostedRegressionFit {
  let sum = 0;
  for (const r of train) sum += t[r] as number;
  if (stop !== null) for (const r of stop) sum += t[r] as number;
  const base = sum / (train.length + (stop?.length ?? 0));
  const f = new Float64Array(binned.rows);
  const grad = new Float64Array(binned.rows);
  const hess = new Float64Array(binned.rows).fill(1);
  for (const r of train) f[r] = base;
  if (stop !== null) for (const r of stop) f[r] = base;
  const rows = train.slice();
  const trees: Tree[] = [];
  let best = { iterations: 0, mse: stop === null ? Number.NaN : meanSquaredError(f, t, stop) };
  for (let it = 0; it < settings.maxIterations && !signal?.stopped; it++) {
    for (const r of train) grad[r] = (f[r] as number) - (t[r] as number);
    const grown = growTree(binned, grad, hess, rows, settings);
    const { tree } = grown;
    // The training rows by their leaves; only the stopping rows descend the tree.
    shrinkAndAddLeafValues(grown, rows, settings.learningRate, f, 1, 0);
    trees.push(tree);
    if (stop === null) continue;
    for (const r of stop) f[r] = (f[r] as number) + treeValue(tree, binned, r);
    const mse = meanSquaredError(f, t, stop);
    if (mse < best.mse - 1e-7) best = { iterations: it + 1, mse };
    else if (it + 1 - best.iterations >= settings.patience) break;
  }
  const kept = stop === null ? trees : trees.slice(0, best.iterations);
  return { model: { base, trees: kept }, stopMeanSquaredError: best.mse };
}

/** The model's prediction at each of `rows` (in their order). */
export function boostedPredictions(
  model: BoostedRegression,
  binned: BinnedFeatures,
  rows: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    let f = model.base;
    for (const tree of model.trees) f += treeValue(tree, binned, r);
    out[i] = f;
  }
  return out;
}

/** Mean of (f − t)² over `rows`. */
function meanSquaredError(f: Float64Array, t: Float64Array, rows: Int32Array): number {
  let sum = 0;
  for (const r of rows) {
    const e = (f[r] as number) - (t[r] as number);
    sum += e * e;
  }
  return sum / rows.length;
}
