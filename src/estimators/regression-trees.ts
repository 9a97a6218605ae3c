import { type BoostedRegression, boostedPredictions, fitBoostedRegression } from "../trees/boosted-regression.js";
import { BOOSTING_DEFAULTS, type BoostingSettings } from "../trees/boosted-softmax.js";
import type { BinnedFeatures } from "../trees/feature-bins.js";
import type { StopSignal } from "../types.js";
import { STOP_FRACTION } from "./classifier-trees.js";
import type { FoldPredictor } from "./gaussian-decoder.js";

/** Boosted trees of one setting, as a decoder of the regression (named so in `settings.chosen`). */
export interface TreeDecoder {
  readonly name: string;
  readonly settings: BoostingSettings;
  /** Fraction of a fit's rows held back for early stopping; 0: every iteration is run. */
  readonly stopFraction: number;
}

/**
 * The boosted trees the regression tries. "trees": scikit-learn's HistGradientBoostingRegressor defaults (31 leaves,
 * 20 rows a leaf, early stopping), for tables of thousands of rows. On small tables those leaves hold too many of the
 * few rows an inner fit has: with scikit-learn's 5-fold cross-validation, imports-85 price (159 rows) reads 0.892 by
 * them, exercise pulse (90) 0.310 and glue Score (64) 0.258, where its GradientBoostingRegressor (depth-3 trees,
 * 1 row a leaf, 100 iterations, no early stopping) reads 1.084, 0.554 and 1.424. "trees, 8 leaves" is that shape
 * grown leaf-wise: 8 leaves, 1 row a leaf, 100 iterations without stopping rows, which scikit-learn's
 * HistGradientBoostingRegressor reads 1.067, 0.353 and 1.459 on the same three.
 */
export const TREE_DECODERS: readonly TreeDecoder[] = [
  { name: "trees", settings: BOOSTING_DEFAULTS, stopFraction: STOP_FRACTION },
  {
    name: "trees, 8 leaves",
    settings: { ...BOOSTING_DEFAULTS, maxLeaves: 8, minRowsPerLeaf: 1, maxIterations: 100 },
    stopFraction: 0,
  },
];

/**
 * Most bin increments the regression's trees may cost at their iteration limit (regressionTreesWork): above it they
 * are not tried.
 */
export const REGRESSION_TREES_MAX_WORK = 5e9;

/**
 * Bin increments of one histogram pass per tree at the iteration limit, over every fit the nested cross-validation
 * makes: rows × columns × iterations, summed over one fit per pair of folds (the inner splits of outer fold f and
 * inner fold g train on the same rows as those of g and f) and one per outer fold.
 */
export function regressionTreesWork(n: number, cols: number, folds: number): number {
  const pairs = (folds * (folds - 1)) / 2;
  const rows = (pairs * (folds - 2) * n) / folds + (folds - 1) * n;
  return TREE_DECODERS.reduce((w, d) => w + rows * cols * d.settings.maxIterations, 0);
}

/**
 * Boosted regression trees (boosted-regression.ts) as a decoder of the regression's nested cross-validation:
 * `predict(rows, excluded)` fits on every fold's rows but the excluded folds' — less their first stopFraction, on
 * which the fit is early-stopped, as the classifier's trees — and predicts `rows`. Each fit is made once and kept. The features are binned once on every row: binning reads no
 * target, as the regression's other label-free preprocessing.
 *
 * @param binned the features of every row, binned (any increasing map of a column gives the same trees)
 * @param t the target of every row
 * @param members the rows of each fold
 */
export function treesPredictor(
  decoder: TreeDecoder,
  binned: BinnedFeatures,
  t: Float64Array,
  members: readonly (readonly number[])[],
  signal?: StopSignal,
): FoldPredictor {
  const models = new Map<string, BoostedRegression>();
  return {
    predict(rows, excluded) {
      const key = [...excluded].sort((a, b) => a - b).join(",");
      let model = models.get(key);
      if (model === undefined) {
        const train = members.flatMap((m, g) => (excluded.includes(g) ? [] : m));
        const nStop = decoder.stopFraction > 0 ? Math.max(1, Math.round(decoder.stopFraction * train.length)) : 0;
        model = fitBoostedRegression(
          binned,
          t,
          Int32Array.from(train.slice(nStop)),
          nStop > 0 ? Int32Array.from(train.slice(0, nStop)) : null,
          decoder.settings,
          signal,
        ).model;
        models.set(key, model);
      }
      return boostedPredictions(model, binned, rows);
    },
  };
}
