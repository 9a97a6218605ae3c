import type { Matrix } from "../types.js";

/** Most bins per feature: a bin code fits a byte, as in LightGBM and scikit-learn's HistGradientBoosting. */
export const MAX_BINS = 256;

/**
 * Every row's features as small integer bin codes, the form histogram trees split on.
 * `codes[r * cols + c]` is the bin of row r in column c; `offsets[c]` is where column c's bins start in a histogram
 * laid out column after column (offsets[cols] bins in all).
 */
export interface BinnedFeatures {
  readonly rows: number;
  readonly cols: number;
  readonly codes: Uint8Array;
  readonly offsets: Int32Array;
}

/**
 * Bin each column (Ke et al. 2017, LightGBM; scikit-learn's HistGradientBoosting does the same): a column with at
 * most MAX_BINS distinct values gets one bin per value, so a split between any two of its values is possible and the
 * trees are those of exact greedy splitting; a longer column is cut at MAX_BINS − 1 of its quantiles (midpoints of
 * the order statistics, repeated cut points merged).
 *
 * The cut points are those of the rows `from` (every row when omitted) and every row of m is binned at them. Trees
 * that are scored on rows they did not train on take their cut points from their training rows, as scikit-learn
 * fits its bins on the training split: cut at every row, a held-out row shares a bin with training rows it does not
 * resemble. ISLR's Weekly (Direction = Up exactly where Today > 0, 1,089 rows): one bin held Today = 0.010 (Up,
 * held out) with three training rows below 0 (Down), the trees' leaf there was pure, and that row cost 12.7 nats.
 */
export function binFeatures(m: Matrix<Float64Array>, from?: ArrayLike<number>): BinnedFeatures {
  const { rows, cols, data } = m;
  const codes = new Uint8Array(rows * cols);
  const offsets = new Int32Array(cols + 1);
  const column = new Float64Array(from?.length ?? rows);
  for (let c = 0; c < cols; c++) {
    for (let i = 0; i < column.length; i++) {
      const r = from === undefined ? i : (from[i] as number);
      column[i] = data[r * cols + c] as number;
    }
    const cuts = cutPoints(column.slice().sort());
    for (let r = 0; r < rows; r++) codes[r * cols + c] = binOf(cuts, data[r * cols + c] as number);
    offsets[c + 1] = (offsets[c] as number) + cuts.length + 1;
  }
  return { rows, cols, codes, offsets };
}

/**
 * How many bins binFeatures(m) lays out (offsets[cols]: every column's bins, one more than its cut points), without
 * binning the rows: what the trees' cost (rows × columns + leaves × bins) needs before any fit.
 */
export function binCount(m: Matrix<Float64Array>): number {
  const { rows, cols, data } = m;
  const column = new Float64Array(rows);
  let bins = 0;
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r < rows; r++) column[r] = data[r * cols + c] as number;
    bins += cutPoints(column.sort()).length + 1;
  }
  return bins;
}

/** Rows `rows` of `binned`, in that order, as a block of their own (same bins). */
export function takeRows(binned: BinnedFeatures, rows: Int32Array): BinnedFeatures {
  const { cols, codes, offsets } = binned;
  const out = new Uint8Array(rows.length * cols);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    out.set(codes.subarray(r * cols, (r + 1) * cols), i * cols);
  }
  return { rows: rows.length, cols, codes: out, offsets };
}

/** The cut points of one sorted column: between consecutive distinct values, or at quantiles when there are many. */
function cutPoints(sorted: Float64Array): Float64Array {
  const n = sorted.length;
  const distinct: number[] = [];
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i] as number);
  if (distinct.length <= MAX_BINS) {
    const cuts = new Float64Array(Math.max(0, distinct.length - 1));
    for (let i = 0; i < cuts.length; i++) cuts[i] = midpoint(distinct[i] as number, distinct[i + 1] as number);
    return cuts;
  }
  const cuts: number[] = [];
  for (let q = 1; q < MAX_BINS; q++) {
    const at = (q * (n - 1)) / MAX_BINS;
    const lo = sorted[Math.floor(at)] as number;
    const hi = sorted[Math.ceil(at)] as number;
    // A cut strictly between two distinct values; a quantile inside a run of one value cuts just above it.
    const cut = lo === hi ? nextDistinctMidpoint(sorted, Math.ceil(at)) : midpoint(lo, hi);
    if (cut !== null && (cuts.length === 0 || cut > (cuts[cuts.length - 1] as number))) cuts.push(cut);
  }
  return Float64Array.from(cuts);
}

/** The midpoint between sorted[i] and the next larger value, or null when sorted[i] is the largest. */
function nextDistinctMidpoint(sorted: Float64Array, i: number): number | null {
  const v = sorted[i] as number;
  let lo = i;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length ? midpoint(v, sorted[lo] as number) : null;
}

/** A point strictly between a < b (their midpoint, or b's lower neighbour where the midpoint rounds to a). */
function midpoint(a: number, b: number): number {
  const m = a + (b - a) / 2;
  return m > a ? m : b;
}

/**
 * The bin of v: how many cut points are ≤ v. A cut lies strictly between two values, or on the upper one where their
 * midpoint rounds down to the lower (midpoint), so that value still opens its own bin.
 */
function binOf(cuts: Float64Array, v: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cuts[mid] as number) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
