import { InfonceError } from "../errors.js";
import { digammaTable } from "../math/digamma.js";
import { joinColumns } from "../math/join-columns.js";
import { countWithinRadius, strictRadius } from "../neighbors/count-within.js";
import { buildKdTree } from "../neighbors/kd-tree.js";
import { selfKnnMaxNorm } from "../neighbors/knn.js";
import { countWithinRadius1d } from "../neighbors/sorted-count.js";
import type { Matrix } from "../types.js";

/** n_x(i), n_y(i): marginal neighbour counts, the point itself excluded (`ksgCounts`: 0 outside its share). */
export interface KsgCounts {
  readonly nx: Int32Array;
  readonly ny: Int32Array;
}

/** Per-point quantities of a KSG run, for diagnostics and tests. */
export interface KsgTerms extends KsgCounts {
  /** The estimate in nats. */
  readonly mi: number;
}

/**
 * The KSG estimators of I(X;Y) (Kraskov, Stögbauer & Grassberger 2004, Phys. Rev. E 69, 066138), max-norm,
 * on data already scaled as the caller wants (this function does not standardise).
 *
 * Estimator 1 (eq. 8):  I = ψ(k) + ψ(n) − ⟨ψ(n_x + 1) + ψ(n_y + 1)⟩, where ε_i is the max-norm distance from
 *   z_i = (x_i, y_i) to its k-th nearest other point and n_x(i) = #{j ≠ i : ‖x_j − x_i‖ < ε_i} — *strictly*
 *   closer, computed as ≤ prevFloat(ε_i) exactly as the SciPy reference does (docs/benchmarks.md). When ε_i = 0
 *   (k or more exact duplicates of z_i) the radius stays 0 and n_x counts the duplicates of x_i (as SciPy's).
 * Estimator 2 (eq. 9):  I = ψ(k) − 1/k + ψ(n) − ⟨ψ(n_x) + ψ(n_y)⟩, where ε_x(i), ε_y(i) are the largest
 *   marginal distances among the k nearest neighbours of z_i and n_x(i) = #{j ≠ i : ‖x_j − x_i‖ ≤ ε_x(i)}
 *   (inclusive, so n_x ≥ k). Ties at the k-th joint distance are broken by the smaller row index.
 *
 * Cost: one k-d tree on the joint space for ε_i, one per marginal for the counts (or two binary searches in sorted
 * values for a one-dimensional marginal). O(n log n) when both marginals are one-dimensional. With a d_m-dimensional
 * marginal of a d-dimensional joint space, n_x grows like n^(1 − d_m/d) (√(kn) at 5+5), and an exact count must
 * test the points near its ball's surface, ~n_x^((d_m − 1)/d_m) per query: ≈ n^1.4 in all at 5+5, measured
 * n^1.36–1.46 for n = 10³ … 10⁵ (docs/estimators.md, "Speed"; bench/ksg-profile.ts, bench/ksg-work.ts).
 *
 * @param x n×dx, y n×dy, float64, all finite (the shapes go to `ksgCounts`, which checks them)
 * @param variant 1 or 2
 */
export function ksgTerms(x: Matrix<Float64Array>, y: Matrix<Float64Array>, k: number, variant: 1 | 2): KsgTerms {
  const { nx, ny } = ksgCounts(x.data, y.data, x.rows, x.cols, y.cols, k, variant);
  return { mi: ksgFromCounts(nx, ny, k, variant), nx, ny };
}

/**
 * n_x(i), n_y(i) of `ksgTerms` (the point itself excluded) for the points of share `part` of `parts`: the run
 * ⌊part·n/parts⌋ ≤ t < ⌊(part+1)·n/parts⌋ of the joint tree's order (the tree is built the same way in every
 * thread, so the shares partition the points). Splitting by tree order keeps each share's queries close together
 * in space and memory. The counts of a point do not depend on the share it falls in, so merging the shares gives
 * the single-thread counts exactly; the entries of points outside the share are 0.
 */
export function ksgCounts(
  x: Float64Array,
  y: Float64Array,
  n: number,
  dx: number,
  dy: number,
  k: number,
  variant: 1 | 2,
  part = 0,
  parts = 1,
): KsgCounts {
  if (!(Number.isInteger(k) && k >= 1)) throw new InfonceError("E_ARG", `k must be an integer ≥ 1, got ${k}`);
  if (n < k + 1) {
    throw new InfonceError("E_DATA", `KSG with k = ${k} needs at least k + 1 = ${k + 1} rows, got ${n}`);
  }
  if (x.length !== n * dx || y.length !== n * dy) {
    throw new InfonceError("E_SHAPE", `x has ${x.length} values and y ${y.length}; expected ${n}·${dx} and ${n}·${dy}`);
  }
  if (!(Number.isInteger(parts) && parts >= 1 && Number.isInteger(part) && part >= 0 && part < parts)) {
    throw new InfonceError("E_ARG", `share ${part} of ${parts} does not exist; need 0 ≤ part < parts`);
  }
  const d = dx + dy;
  const z = joinColumns({ rows: n, cols: dx, data: x }, { rows: n, cols: dy, data: y }).data;
  const joint = buildKdTree(z, n, d);
  const from = Math.floor((part * n) / parts);
  const to = Math.floor(((part + 1) * n) / parts);
  const only = parts === 1 ? undefined : new Uint8Array(n);
  if (only !== undefined) for (let t = from; t < to; t++) only[joint.order[t] as number] = 1;
  const eps = new Float64Array(n);
  const nx = new Int32Array(n);
  const ny = new Int32Array(n);
  let rx: Float64Array;
  let ry: Float64Array;
  if (variant === 1) {
    selfKnnMaxNorm(joint, k, eps, undefined, from, to);
    rx = new Float64Array(n);
    for (let i = 0; i < n; i++) rx[i] = strictRadius(eps[i] as number);
    ry = rx;
  } else {
    const idx = new Int32Array(n * k);
    selfKnnMaxNorm(joint, k, eps, idx, from, to);
    rx = new Float64Array(n);
    ry = new Float64Array(n);
    for (let t = from; t < to; t++) {
      const i = joint.order[t] as number;
      let mx = 0;
      let my = 0;
      for (let j = 0; j < k; j++) {
        const nb = idx[i * k + j] as number;
        mx = Math.max(mx, maxNorm(x, dx, i, nb));
        my = Math.max(my, maxNorm(y, dy, i, nb));
      }
      rx[i] = mx;
      ry[i] = my;
    }
  }
  marginalCounts(x, n, dx, rx, nx, only);
  marginalCounts(y, n, dy, ry, ny, only);
  for (let t = from; t < to; t++) {
    const i = joint.order[t] as number;
    nx[i] = (nx[i] as number) - 1;
    ny[i] = (ny[i] as number) - 1;
  }
  return { nx, ny };
}

/**
 * The estimate from the counts of all n points (self excluded): estimator 1, ψ(k) + ψ(n) − ⟨ψ(n_x + 1) + ψ(n_y + 1)⟩;
 * estimator 2, ψ(k) − 1/k + ψ(n) − ⟨ψ(n_x) + ψ(n_y)⟩. Summed in row order, so the value does not depend on how the
 * counts were split between threads.
 */
export function ksgFromCounts(nx: Int32Array, ny: Int32Array, k: number, variant: 1 | 2): number {
  const n = nx.length;
  const psi = digammaTable(n + 1);
  const shift = variant === 1 ? 1 : 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += (psi[(nx[i] as number) + shift] as number) + (psi[(ny[i] as number) + shift] as number);
  }
  return (psi[k] as number) - (variant === 1 ? 0 : 1 / k) + (psi[n] as number) - sum / n;
}

/** Counts (self included) within each point's radius in one marginal: sorted array in 1-D, else a k-d tree. */
function marginalCounts(
  m: Float64Array,
  n: number,
  d: number,
  radius: Float64Array,
  out: Int32Array,
  only: Uint8Array | undefined,
): void {
  if (d === 1) countWithinRadius1d(m, radius, out, only);
  else countWithinRadius(buildKdTree(m, n, d), radius, out, only);
}

/** max_c |m_j,c − m_i,c| of rows i and j of an n×d matrix. */
function maxNorm(m: Float64Array, d: number, i: number, j: number): number {
  let r = 0;
  for (let c = 0; c < d; c++) {
    const a = Math.abs((m[j * d + c] as number) - (m[i * d + c] as number));
    if (a > r) r = a;
  }
  return r;
}
