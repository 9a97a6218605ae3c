import { InfonceError } from "../errors.js";
import { digammaTable } from "../math/digamma.js";
import { strictRadius } from "../neighbors/count-within.js";
import { firstAboveUp, firstAtLeastDown } from "../neighbors/sorted-count.js";
import { insertSmallest } from "./k-smallest.js";
import { gridKnnDistances } from "./knn-grid-2d.js";
import type { SortedColumn } from "./sorted-column.js";

/** ψ tables by size, kept for the pairs of one run (every pair of a table has the same n). */
const PSI = new Map<number, Float64Array>();

function psiTable(n: number): Float64Array {
  let t = PSI.get(n);
  if (t === undefined) {
    if (PSI.size > 8) PSI.clear();
    t = digammaTable(n + 1);
    PSI.set(n, t);
  }
  return t;
}

/**
 * KSG estimator 1 (Kraskov, Stögbauer & Grassberger 2004, eq. 8) of one scalar column against another, from
 * columns sorted once and shared by every pair that uses them. The same numbers as `ksgTerms(x, y, k, 1)`
 * bit for bit (tested): the same max-norm distances max(|fl(x_j − x_i)|, |fl(y_j − y_i)|), the same strict
 * radius prevFloat(ε_i), the same marginal counts, summed in the same row order.
 *
 * What differs is only how ε_i is found: on a grid of cells about as wide as a typical ε (gridKnnDistances), or,
 * when that grid would be too fine (heavy ties), by walking outward along sorted x. No tree is built per pair,
 * and the marginal counts are two binary searches in the shared sorted arrays — no sort per pair.
 *
 * @param xs, ys the two columns (same rows, scaled as KSG scales them)
 */
export function ksgSortedPair(xs: SortedColumn, ys: SortedColumn, k: number): number {
  // Walk along the column with more distinct values: along a column of few values, every step ties at |dx| = 0
  // and the walk would visit a whole category. The estimate is symmetric in x and y, bit for bit (the two ψ terms
  // of a row are added before the row is summed, and a + b = b + a in floating point).
  if (distinctSorted(xs.sorted) < distinctSorted(ys.sorted)) return ksgSortedPair(ys, xs, k);
  const n = xs.values.length;
  if (ys.values.length !== n) throw new InfonceError("E_SHAPE", `columns of ${n} and ${ys.values.length} rows`);
  if (!(Number.isInteger(k) && k >= 1)) throw new InfonceError("E_ARG", `k must be an integer ≥ 1, got ${k}`);
  if (n < k + 1) throw new InfonceError("E_DATA", `KSG with k = ${k} needs at least k + 1 = ${k + 1} rows, got ${n}`);
  const x = xs.values;
  const y = ys.values;
  const sx = xs.sorted;
  const ox = xs.order;
  const eps = new Float64Array(n);
  // y in the order of sorted x, so the walk reads both coordinates contiguously.
  const yx = new Float64Array(n);
  for (let t = 0; t < n; t++) yx[t] = y[ox[t] as number] as number;
  const best = new Float64Array(k);
  const sweep = (p: number): number => sweepDistance(sx, yx, p, k, best);
  // Cell side of the grid: the median k-th distance of a few points spread along x (from the sweep).
  const pilot: number[] = [];
  for (let q = 0; q < PILOT; q++) pilot.push(sweep(Math.floor(((q + 0.5) * n) / PILOT)));
  pilot.sort((a, b) => a - b);
  const h = pilot[PILOT >> 1] as number;
  if (!gridKnnDistances(x, y, k, h, eps)) {
    for (let p = 0; p < n; p++) eps[ox[p] as number] = sweep(p);
  }
  // Marginal counts: row i is at position t of its sorted column, so the run of values within its radius is
  // found by galloping out from t (the same indices as a binary search over the whole column, found nearby).
  const radius = new Float64Array(n);
  for (let i = 0; i < n; i++) radius[i] = strictRadius(eps[i] as number);
  const nx = marginalCounts(xs, radius);
  const ny = marginalCounts(ys, radius);
  const psi = psiTable(n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (psi[(nx[i] as number) + 1] as number) + (psi[(ny[i] as number) + 1] as number);
  return (psi[k] as number) + (psi[n] as number) - sum / n;
}

/** For every row i, the number of other rows j with |fl(v_j − v_i)| ≤ radius[i] (v: the column's values). */
function marginalCounts(col: SortedColumn, radius: Float64Array): Int32Array {
  const { sorted, order } = col;
  const out = new Int32Array(sorted.length);
  for (let t = 0; t < sorted.length; t++) {
    const i = order[t] as number;
    const r = radius[i] as number;
    const q = sorted[t] as number;
    out[i] = firstAboveUp(sorted, q, r, t) - firstAtLeastDown(sorted, q, -r, t) - 1;
  }
  return out;
}

/** Number of distinct values of an ascending array. */
function distinctSorted(s: Float64Array): number {
  let m = s.length > 0 ? 1 : 0;
  for (let t = 1; t < s.length; t++) if (s[t] !== s[t - 1]) m++;
  return m;
}

/** Points whose k-th distance sets the grid's cell side. */
const PILOT = 33;

/**
 * The k-th distance of the point at sorted position p, walking outward along sorted x and stopping each way once
 * |x_j − x_i| alone exceeds the current k-th distance (a point that far cannot be nearer).
 */
function sweepDistance(sx: Float64Array, yx: Float64Array, p: number, k: number, best: Float64Array): number {
  const n = sx.length;
  const qx = sx[p] as number;
  const qy = yx[p] as number;
  best.fill(Number.POSITIVE_INFINITY);
  let worst = Number.POSITIVE_INFINITY;
  for (let dir = -1; dir <= 1; dir += 2) {
    for (let t = p + dir; t >= 0 && t < n; t += dir) {
      const dx = (sx[t] as number) - qx;
      const ax = dx < 0 ? -dx : dx;
      if (ax > worst) break;
      const dy = (yx[t] as number) - qy;
      const dist = Math.max(ax, dy < 0 ? -dy : dy);
      if (dist >= worst) continue;
      worst = insertSmallest(best, k, dist);
    }
  }
  return worst;
}
