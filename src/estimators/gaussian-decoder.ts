import type { Matrix } from "../types.js";
import { BLEND_WEIGHTS } from "./classifier-blend.js";
import { beatsByOneStderr } from "./held-out-spread.js";
import {
  blockStats,
  combineStats,
  predictRow,
  type RidgeFit,
  type RidgeStats,
  ridgeFromStats,
  squaredErrorFromStats,
} from "./ridge-folds.js";

/**
 * Ridge penalties tried, per row on standardised features (λ·m·|β|²): infinite first (the marginal model, what
 * independent data should choose), then from next to nothing (least squares, kept positive definite) to strong
 * shrinkage, which a few hundred rows and tens of features need. Ties go to the earlier entry.
 */
const RIDGE_GRID = [Number.POSITIVE_INFINITY, 1e-8, 1e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1, 3] as const;

/** A decoder: the feature representation and the penalty, with its inner cross-validated squared error. */
export interface DecoderChoice {
  /** A representation of the features (a ridge decoder), or the name of one of `predictors`. */
  readonly representation: string;
  /** The ridge penalty; NaN for a predictor. */
  readonly lambda: number;
  /** Σ of squared errors over the inner validation rows, and their number. */
  readonly sse: number;
  readonly rows: number;
  /** A blend's parts: the ridge decoder and the predictor, its prediction (1 − w)·ridge + w·predictor. */
  readonly blend?: { readonly ridge: DecoderChoice; readonly predictor: string; readonly w: number };
}

/**
 * A target t and its features in one or more representations (n rows each), split into folds, with the
 * ridge statistics of every fold: what the nested cross-validation of Gaussian decoders reads.
 */
export interface FoldedRegression {
  readonly t: Float64Array;
  readonly features: ReadonlyMap<string, Matrix<Float64Array>>;
  readonly members: readonly (readonly number[])[];
  readonly stats: ReadonlyMap<string, readonly RidgeStats[]>;
  readonly total: ReadonlyMap<string, RidgeStats>;
  /** Decoders other than ridge fits (regression-trees.ts), competing in the same folds. */
  readonly predictors: ReadonlyMap<string, FoldPredictor>;
}

/** A decoder that is not a ridge fit: its predictions of t at `rows` by a fit on every fold but `excluded`. */
export interface FoldPredictor {
  predict(rows: readonly number[], excluded: readonly number[]): Float64Array;
}

/** How `settings.chosen` names a decoder: the representation and its penalty, or the predictor's name. */
export function decoderName(c: DecoderChoice): string {
  if (c.blend !== undefined) {
    const { ridge, predictor, w } = c.blend;
    return `blend of ${decoderName(ridge)} (${(1 - w).toFixed(1)}) and ${predictor} (${w.toFixed(1)})`;
  }
  return Number.isNaN(c.lambda) ? c.representation : `${c.representation} λ=${c.lambda}`;
}

/** The statistics of every fold of every representation (one pass over the data each). */
export function foldRegression(
  t: Float64Array,
  features: ReadonlyMap<string, Matrix<Float64Array>>,
  members: readonly (readonly number[])[],
  predictors: ReadonlyMap<string, FoldPredictor> = new Map(),
): FoldedRegression {
  const stats = new Map<string, RidgeStats[]>();
  const total = new Map<string, RidgeStats>();
  for (const [r, x] of features) {
    const blocks = members.map((rows) => blockStats(x.data, x.cols, t, rows));
    stats.set(r, blocks);
    total.set(r, combineStats(blocks.map((b) => ({ stats: b, sign: 1 as const }))));
  }
  return { t, features, members, stats, total, predictors };
}

/** The statistics of a representation on every fold but `excluded`. */
function statsWithout(data: FoldedRegression, representation: string, excluded: readonly number[]): RidgeStats {
  const blocks = data.stats.get(representation) as readonly RidgeStats[];
  return combineStats([
    { stats: data.total.get(representation) as RidgeStats, sign: 1 },
    ...excluded.map((f) => ({ stats: blocks[f] as RidgeStats, sign: -1 as const })),
  ]);
}

/**
 * log q(t|x) of each row of `rows` under the Gaussian decoder q = N(a + xᵀβ, v) fitted on every fold but `excluded`,
 * its variance v the decoder's inner cross-validated mean squared error (an honest guess of its held-out error);
 * with the squared errors' sum.
 */
export function decoderLogDensities(
  data: FoldedRegression,
  c: DecoderChoice,
  rows: readonly number[],
  excluded: readonly number[],
): { readonly logDensity: Float64Array; readonly squaredError: number } {
  const variance = Math.max(c.sse / c.rows, 1e-12);
  const predicted = predictions(data, c, rows, excluded);
  let squaredError = 0;
  const logDensity = Float64Array.from(rows, (r, i) => {
    const e = (data.t[r] as number) - (predicted[i] as number);
    squaredError += e * e;
    return -0.5 * Math.log(2 * Math.PI * variance) - (e * e) / (2 * variance);
  });
  return { logDensity, squaredError };
}

/** The decoder's predictions of t at `rows`, fitted on every fold but `excluded`. */
function predictions(
  data: FoldedRegression,
  c: DecoderChoice,
  rows: readonly number[],
  excluded: readonly number[],
): Float64Array {
  if (c.blend !== undefined) {
    const { ridge, predictor, w } = c.blend;
    const a = predictions(data, ridge, rows, excluded);
    const b = (data.predictors.get(predictor) as FoldPredictor).predict(rows, excluded);
    return a.map((v, i) => (1 - w) * v + w * (b[i] as number));
  }
  const predictor = data.predictors.get(c.representation);
  if (predictor !== undefined) return predictor.predict(rows, excluded);
  const fit = ridgeFromStats(statsWithout(data, c.representation, excluded), c.lambda) as RidgeFit;
  const x = data.features.get(c.representation) as Matrix<Float64Array>;
  return Float64Array.from(rows, (r) => predictRow(fit, x.data, x.cols, r));
}

/**
 * For outer fold `outer`: the marginal model (λ = ∞, the same in every representation) and the decoder to compare
 * with it. Each candidate is scored by nested cross-validation from the folds' statistics alone — each other fold g
 * predicted from the folds other than g and `outer` —; the best is kept only when its inner log-likelihood beats
 * the marginal's by more than one standard error of the per-row difference (the one-standard-error rule of Breiman
 * et al. 1984, as the classifier's): a slope fitted to noise costs held-out likelihood, and on independent data it
 * would read below 0 with an interval that does not know it was chosen. Null when no fit was possible.
 */
export function innerChoice(
  data: FoldedRegression,
  outer: number,
): { readonly best: DecoderChoice; readonly marginal: DecoderChoice; readonly runnerUp: DecoderChoice | null } | null {
  let best: DecoderChoice | null = null;
  let marginal: DecoderChoice | null = null;
  // The best fitted decoder (finite penalty): the candidate the marginal is compared with, and where the marginal is
  // chosen, the runner-up whose held-out terms give the interval its width (held-out-spread.ts).
  let fitted: DecoderChoice | null = null;
  // The best ridge decoder and the best other predictor: the parts of a blend (blendOf).
  let ridge: DecoderChoice | null = null;
  let other: DecoderChoice | null = null;
  for (const [representation, blocks] of data.stats) {
    // Each inner split's training statistics once, for every penalty (they do not depend on it).
    const sse = new Float64Array(RIDGE_GRID.length);
    let rows = 0;
    for (const [g, block] of blocks.entries()) {
      if (g === outer) continue;
      const training = statsWithout(data, representation, [outer, g]);
      RIDGE_GRID.forEach((lambda, l) => {
        const fit = ridgeFromStats(training, lambda);
        sse[l] = (sse[l] as number) + (fit === null ? Number.POSITIVE_INFINITY : squaredErrorFromStats(fit, block));
      });
      rows += block.m;
    }
    for (const [l, lambda] of RIDGE_GRID.entries()) {
      const candidate = { representation, lambda, sse: sse[l] as number, rows };
      if (best === null || candidate.sse < best.sse) best = candidate;
      if (marginal === null && lambda === Number.POSITIVE_INFINITY) marginal = candidate;
      const finite = lambda !== Number.POSITIVE_INFINITY && Number.isFinite(candidate.sse);
      if (finite && (fitted === null || candidate.sse < fitted.sse)) fitted = candidate;
      if (finite && (ridge === null || candidate.sse < ridge.sse)) ridge = candidate;
    }
  }
  // The other decoders on the same inner splits, each fold g predicted by a fit on the folds other than g and
  // `outer`: their squared errors are summed over the same rows as the ridge decoders'.
  for (const [name, predictor] of data.predictors) {
    let sse = 0;
    let rows = 0;
    for (const [g, members] of data.members.entries()) {
      if (g === outer) continue;
      const predicted = predictor.predict(members, [outer, g]);
      members.forEach((r, i) => {
        sse += ((data.t[r] as number) - (predicted[i] as number)) ** 2;
      });
      rows += members.length;
    }
    const candidate = { representation: name, lambda: Number.NaN, sse, rows };
    if (best === null || candidate.sse < best.sse) best = candidate;
    if (Number.isFinite(sse) && (fitted === null || candidate.sse < fitted.sse)) fitted = candidate;
    if (Number.isFinite(sse) && (other === null || candidate.sse < other.sse)) other = candidate;
  }
  if (best === null || marginal === null || !Number.isFinite(best.sse)) return null;
  if (fitted === null) return { best: marginal, marginal, runnerUp: null };
  if (ridge !== null && other !== null) fitted = blendOf(data, outer, ridge, other, fitted);
  return beatsOnInnerFolds(data, outer, fitted, marginal)
    ? { best: fitted, marginal, runnerUp: null }
    : { best: marginal, marginal, runnerUp: fitted };
}

/**
 * Whether decoder `a` beats `b` on outer fold `outer`'s inner folds (each predicted by fits on the folds other than
 * it and `outer`) by more than a standard error of the per-row difference of their log-likelihoods.
 */
function beatsOnInnerFolds(data: FoldedRegression, outer: number, a: DecoderChoice, b: DecoderChoice): boolean {
  const inner = (c: DecoderChoice) =>
    innerFolds(data, outer, (rows, g) => decoderLogDensities(data, c, rows, [outer, g]).logDensity);
  return beatsByOneStderr(inner(a), inner(b));
}

/**
 * Per-row values of outer fold `outer`'s inner folds, in fold order: `value(rows, g)` for each fold g but `outer`,
 * written into one array (not spread into a push, which overflows the stack on folds of ~100,000 rows).
 */
function innerFolds(
  data: FoldedRegression,
  outer: number,
  value: (rows: readonly number[], g: number) => Float64Array,
): Float64Array {
  let length = 0;
  for (const [g, rows] of data.members.entries()) if (g !== outer) length += rows.length;
  const out = new Float64Array(length);
  let at = 0;
  for (const [g, rows] of data.members.entries()) {
    if (g === outer) continue;
    out.set(value(rows, g), at);
    at += rows.length;
  }
  return out;
}

/**
 * The blend (1 − w)·ridge + w·predictor of the best ridge decoder and the best other predictor (the trees), w chosen
 * by the inner squared errors, in place of `fitted` (the better of the two) only when its inner log-likelihood beats
 * it by more than a paired standard error — the rule the classifier's blend (classifier-blend.ts) and every other
 * choice here follow. Averaged predictions of two decoders that err differently are often better than either: on
 * Rdatasets' tv_hurricanes (jose, 37 rows), scikit-learn's ridge reads 0.463, its boosted trees 0.503, their blend 0.603
 * (scripts/blend-bars.py).
 */
function blendOf(
  data: FoldedRegression,
  outer: number,
  ridge: DecoderChoice,
  other: DecoderChoice,
  fitted: DecoderChoice,
): DecoderChoice {
  const predictor = data.predictors.get(other.representation) as FoldPredictor;
  const a = innerFolds(data, outer, (rows, g) => predictions(data, ridge, rows, [outer, g]));
  const b = innerFolds(data, outer, (rows, g) => predictor.predict(rows, [outer, g]));
  const t = innerFolds(data, outer, (rows) => Float64Array.from(rows, (r) => data.t[r] as number));
  let choice: DecoderChoice | null = null;
  for (const w of BLEND_WEIGHTS) {
    let sse = 0;
    t.forEach((v, i) => {
      sse += (v - (1 - w) * (a[i] as number) - w * (b[i] as number)) ** 2;
    });
    const blend = { ridge, predictor: other.representation, w };
    if (choice === null || sse < choice.sse)
      choice = { representation: "blend", lambda: Number.NaN, sse, rows: t.length, blend };
  }
  return choice !== null && beatsOnInnerFolds(data, outer, choice, fitted) ? choice : fitted;
}
