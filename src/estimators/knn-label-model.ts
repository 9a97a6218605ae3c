/**
 * A nearest-neighbour model of a label, q(y|x) from the labels of x's nearest rows, scored leave-one-out, and the
 * greedy choice of the columns it reads. Its cost does not grow with the number of classes (a softmax's does), and
 * categorical columns need no indicators: two rows are neighbours only when they share every category the model reads.
 */
import { duplicateNeighbours } from "../neighbors/duplicate-neighbours.js";
import { buildKdTree } from "../neighbors/kd-tree.js";
import { selfKnnMaxNorm } from "../neighbors/knn.js";
import { codeCounts } from "./code-counts.js";
import { pairedStderr } from "./held-out-spread.js";

/** Neighbour counts tried (the largest sets how many neighbours each query finds). */
export const KNN_LABEL_K = [1, 3, 10, 30] as const;

/** Prior weights α tried: q(y|x) = (c_y + α·π(y)) / (m + α), c_y of the m neighbours of class y, π the prior. */
export const KNN_LABEL_ALPHA = [0.01, 0.03, 0.1, 0.3, 1, 3, 10] as const;

/**
 * Categorical codes are multiplied by this before the max-norm search: normal scores lie within ±6 (n < 10⁹), so a
 * neighbour from another category is farther than half of it, and only the nearer ones (the same categories) count.
 */
const CATEGORY_GAP = 1000;

/** The rows of one half and what the model needs of them. */
export interface LabelRows {
  /** Original row numbers. */
  readonly rows: readonly number[];
  /** Label code of each of `rows`. */
  readonly labels: Int32Array;
  /** The leave-one-out prior π_{−i}(y_i): (N_y − 1 + ½) / (n − 1 + classes/2) over these rows (Krichevsky–Trofimov). */
  readonly prior: Float64Array;
}

/** Feature column c of every row: normal scores for a numeric column, category codes for a categorical one. */
export interface LabelFeatures {
  readonly columns: readonly Float64Array[];
  readonly categorical: readonly boolean[];
}

/** A model: the columns read, the neighbour count and the prior weight; null columns mean the prior alone. */
export interface KnnLabelModel {
  readonly columns: readonly number[];
  readonly k: number;
  readonly alpha: number;
}

/** Rows `rows` with labels `codes` of `classes` classes, with their leave-one-out prior. */
export function labelRows(rows: readonly number[], codes: Int32Array, classes: number): LabelRows {
  const labels = Int32Array.from(rows, (r) => codes[r] as number);
  const counts = codeCounts(labels, classes);
  const n = rows.length;
  const prior = Float64Array.from(labels, (c) => ((counts[c] as number) - 0.5) / (n - 1 + classes / 2));
  return { rows, labels, prior };
}

/**
 * For each row and each k of KNN_LABEL_K: of its k nearest other rows of the half that share its categories (m of
 * them, m ≤ k), how many carry its label. Row i never counts itself (leave-one-out), so these are held-out counts.
 */
function neighbourCounts(
  half: LabelRows,
  features: LabelFeatures,
  columns: readonly number[],
): { same: Int32Array; near: Int32Array } {
  const n = half.rows.length;
  const d = columns.length;
  const data = new Float64Array(n * d);
  half.rows.forEach((r, i) => {
    columns.forEach((c, j) => {
      const v = (features.columns[c] as Float64Array)[r] as number;
      data[i * d + j] = features.categorical[c] ? v * CATEGORY_GAP : v;
    });
  });
  const kMax = Math.min(KNN_LABEL_K[KNN_LABEL_K.length - 1] as number, n - 1);
  const dist = new Float64Array(n);
  const idx = new Int32Array(n * kMax);
  // Rows with kMax duplicates on these columns (a few categories, tied values) are answered without a search, which
  // would visit all their duplicates: nassCDS's occupant role from 14 columns, 26,000 rows, took 106 s.
  const answered = duplicateNeighbours(data, n, d, kMax, dist, idx);
  selfKnnMaxNorm(buildKdTree(data, n, d), kMax, dist, idx, 0, n, answered);
  const grid = KNN_LABEL_K.length;
  const same = new Int32Array(n * grid);
  const near = new Int32Array(n * grid);
  for (let i = 0; i < n; i++) {
    let s = 0;
    let m = 0;
    let g = 0;
    for (let t = 0; t < kMax && g < grid; t++) {
      const j = idx[i * kMax + t] as number;
      let far = 0;
      for (let c = 0; c < d; c++)
        far = Math.max(far, Math.abs((data[i * d + c] as number) - (data[j * d + c] as number)));
      // Neighbours come nearest first: once one is in another category, so are the rest.
      if (far >= CATEGORY_GAP / 2) break;
      m++;
      if (half.labels[j] === half.labels[i]) s++;
      while (g < grid && m === KNN_LABEL_K[g]) {
        same[i * grid + g] = s;
        near[i * grid + g] = m;
        g++;
      }
    }
    for (; g < grid; g++) {
      same[i * grid + g] = s;
      near[i * grid + g] = m;
    }
  }
  return { same, near };
}

/** log q(y_i|x_i) per row of the half for neighbour count index g and prior weight alpha. */
function logLikelihoods(half: LabelRows, counts: { same: Int32Array; near: Int32Array }, g: number, alpha: number) {
  const grid = KNN_LABEL_K.length;
  return Float64Array.from(half.prior, (p, i) => {
    const s = counts.same[i * grid + g] as number;
    const m = counts.near[i * grid + g] as number;
    return Math.log((s + alpha * p) / (m + alpha));
  });
}

function mean(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s / a.length;
}

/** The held-out log-likelihoods of a model on a half: the prior alone when it reads no column. */
export function scoreModel(half: LabelRows, features: LabelFeatures, model: KnnLabelModel): Float64Array {
  if (model.columns.length === 0) return Float64Array.from(half.prior, Math.log);
  const g = KNN_LABEL_K.indexOf(model.k as (typeof KNN_LABEL_K)[number]);
  return logLikelihoods(half, neighbourCounts(half, features, model.columns), g, model.alpha);
}

/** A model with its held-out log-likelihoods on a half and their mean. */
interface ScoredModel {
  readonly model: KnnLabelModel;
  readonly logLik: Float64Array;
  readonly score: number;
}

/** The best k and α for a set of columns on a half, with its log-likelihoods. */
function bestFor(half: LabelRows, features: LabelFeatures, columns: readonly number[]): ScoredModel {
  const counts = neighbourCounts(half, features, columns);
  let best: ScoredModel | null = null;
  for (const [g, k] of KNN_LABEL_K.entries()) {
    for (const alpha of KNN_LABEL_ALPHA) {
      const logLik = logLikelihoods(half, counts, g, alpha);
      const score = mean(logLik);
      if (best === null || score > best.score) best = { model: { columns, k, alpha }, logLik, score };
    }
  }
  return best as ScoredModel;
}

/** The model a half chooses, and the best one-column model (its runner-up when the prior alone is chosen). */
export interface KnnLabelChoice {
  readonly model: KnnLabelModel;
  readonly runnerUp: KnnLabelModel | null;
}

/**
 * Forward selection on one half's leave-one-out log-likelihood: from the prior alone, add the column that helps most
 * while it helps by more than one paired standard error (the classifier's one-standard-error rule, which keeps
 * columns that only fit noise out), up to maxColumns. Nearest neighbours are blind to which columns matter — a
 * column of noise dilutes every distance (flights' origin from distance alone 2.7 nats by Ross's estimate, with
 * date and delay beside it 0.38) — so the columns are chosen, not all taken.
 */
export function chooseKnnLabelModel(half: LabelRows, features: LabelFeatures, maxColumns: number): KnnLabelChoice {
  const prior: KnnLabelModel = { columns: [], k: 1, alpha: 0 };
  let current: { model: KnnLabelModel; logLik: Float64Array } = {
    model: prior,
    logLik: scoreModel(half, features, prior),
  };
  let runnerUp: KnnLabelModel | null = null;
  const all = features.columns.map((_, c) => c);
  while (current.model.columns.length < maxColumns) {
    let step: ScoredModel | null = null;
    for (const c of all) {
      if (current.model.columns.includes(c)) continue;
      const tried = bestFor(half, features, [...current.model.columns, c]);
      if (step === null || tried.score > step.score) step = tried;
    }
    if (step === null) break;
    runnerUp ??= step.model;
    const gain = mean(step.logLik) - mean(current.logLik);
    if (!(gain > pairedStderr(step.logLik, current.logLik))) break;
    current = step;
  }
  return { model: current.model, runnerUp: current.model.columns.length === 0 ? runnerUp : null };
}
