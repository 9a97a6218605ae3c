import { type BoostedRegression, boostedPredictions, fitBoostedRegression } from "../trees/boosted-regression.js";
import { BOOSTING_DEFAULTS, type BoostingSettings } from "../trees/boosted-softmax.js";
import { type BinnedFeatures, binFeatures } from "../trees/feature-bins.js";
import type { Matrix, StopSignal } from "../types.js";
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
 * Most cost units (regressionTreesWork) the regression's trees may take at their iteration limit: above it they are
 * not tried. The unit is the classifier's (classifier-trees.ts). y = sin x₁ + x₂²/2 + noise beside 198 noise columns,
 * 5,000 rows (scripts/tree-cost-tables.py): 8.4e9 units, 39 s, where the trees read 0.647 and the ridge decoders 0.187; 200 rows × 4,999 gene
 * columns (scripts/wide-tables.py): 2.9e10 units and 340 s of trees beside 2 s of ridge fits, which won every fold.
 */
export const REGRESSION_TREES_MAX_WORK = 1e10;

/**
 * Cost units of the regression's trees at their iteration limit, over every fit the nested cross-validation makes
 * (one per pair of folds — the inner splits of outer fold f and inner fold g train on the same rows as those of g and
 * f — and one per outer fold): per tree, a histogram pass over its rows' cells and a split search over every bin of
 * every leaf, rows × cols + leaves × bins, as the classifier's trees (treesWork). A leaf holds at least
 * minRowsPerLeaf rows, which bounds the leaves of a fit on few rows.
 *
 * @param bins the bins of every column in all (BinnedFeatures.offsets[cols]); 2 a column is a lower bound
 */
export function regressionTreesWork(n: number, cols: number, bins: number, folds: number): number {
  const pairs = (folds * (folds - 1)) / 2;
  const fits = [
    { count: pairs, rows: ((folds - 2) * n) / folds },
    { count: folds, rows: ((folds - 1) * n) / folds },
  ];
  let work = 0;
  for (const { settings: t } of TREE_DECODERS) {
    for (const f of fits) {
      const leaves = Math.max(1, Math.min(t.maxLeaves, Math.floor(f.rows / t.minRowsPerLeaf)));
      work += f.count * t.maxIterations * (f.rows * cols + leaves * bins);
    }
  }
  return work;
}

/**
 * Boosted regression trees (boosted-regression.ts) as a decoder of the regression's nested cross-validation:
 * `predict(rows, excluded)` fits on every fold's rows but the excluded folds' — less their first stopFraction, on
 * which the fit is early-stopped, as the classifier's trees — and predicts `rows`. Each fit is made once and kept,
 * with the features binned at the cut points of its own training rows, as the classifier's trees (feature-bins.ts:
 * rows a fit is scored on do not shape its bins).
 *
 * @param features the features of every row (any increasing map of a column gives the same trees)
 * @param t the target of every row
 * @param members the rows of each fold
 */
export function treesPredictor(
  decoder: TreeDecoder,
  features: Matrix<Float64Array>,
  t: Float64Array,
  members: readonly (readonly number[])[],
  signal?: StopSignal,
): FoldPredictor {
  const models = new Map<string, { readonly model: BoostedRegression; readonly binned: BinnedFeatures }>();
  // The predictions of each fit at each fold's rows, once: the nested cross-validation, the blend with a ridge
  // decoder (gaussian-decoder.ts) and its comparison ask for the same ones again, and on 700,000 rows the trees'
  // predictions took 32 of 128 s before they were kept (the arrays are the folds' own, never modified by callers).
  const predicted = new Map<string, WeakMap<readonly number[], Float64Array>>();
  return {
    predict(rows, excluded) {
      const key = [...excluded].sort((a, b) => a - b).join(",");
      let byRows = predicted.get(key);
      if (byRows === undefined) {
        byRows = new WeakMap();
        predicted.set(key, byRows);
      }
      const kept = byRows.get(rows);
      if (kept !== undefined) return kept;
      let fit = models.get(key);
      if (fit === undefined) {
        const train = members.flatMap((m, g) => (excluded.includes(g) ? [] : m));
        const nStop = decoder.stopFraction > 0 ? Math.max(1, Math.round(decoder.stopFraction * train.length)) : 0;
        const fitRows = Int32Array.from(train.slice(nStop));
        const binned = binFeatures(features, fitRows);
        const stopRows = nStop > 0 ? Int32Array.from(train.slice(0, nStop)) : null;
        fit = { model: fitBoostedRegression(binned, t, fitRows, stopRows, decoder.settings, signal).model, binned };
        models.set(key, fit);
      }
      const out = boostedPredictions(fit.model, fit.binned, rows);
      byRows.set(rows, out);
      return out;
    },
  };
}
