import { InfonceError } from "../errors.js";
import { digammaTable } from "../math/digamma.js";
import { countWithinRadius, strictRadius } from "../neighbors/count-within.js";
import { buildKdTree } from "../neighbors/kd-tree.js";
import { selfKnnMaxNorm } from "../neighbors/knn.js";
import { countWithinRadius1d } from "../neighbors/sorted-count.js";

/** Per-point quantities of a KSG run, for diagnostics and tests. */
export interface KsgTerms {
  /** The estimate in nats. */
  readonly mi: number;
  /** n_x(i), n_y(i): marginal neighbour counts, the point itself excluded. */
  readonly nx: Int32Array;
  readonly ny: Int32Array;
}

/**
 * The KSG estimators of I(X;Y) (Kraskov, Stögbauer & Grassberger 2004, Phys. Rev. E 69, 066138), max-norm,
 * on data already scaled as the caller wants (this function does not standardise).
 *
 * Estimator 1 (eq. 8):  I = ψ(k) + ψ(n) − ⟨ψ(n_x + 1) + ψ(n_y + 1)⟩, where ε_i is the max-norm distance from
 *   z_i = (x_i, y_i) to its k-th nearest other point and n_x(i) = #{j ≠ i : ‖x_j − x_i‖ < ε_i} — *strictly*
 *   closer, computed as ≤ prevFloat(ε_i) exactly as shared/bench/scipy_ref.py does. When ε_i = 0 (k or more
 *   exact duplicates of z_i) the radius stays 0 and n_x counts the duplicates of x_i (scipy_ref's behaviour).
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
 * @param x n×dx row-major, y n×dy row-major, float64, all finite
 * @param variant 1 or 2
 */
export function ksgTerms(
  x: Float64Array,
  y: Float64Array,
  n: number,
  dx: number,
  dy: number,
  k: number,
  variant: 1 | 2,
): KsgTerms {
  if (!(Number.isInteger(k) && k >= 1)) throw new InfonceError("E_ARG", `k must be an integer ≥ 1, got ${k}`);
  if (n < k + 1) {
    throw new InfonceError("E_DATA", `KSG with k = ${k} needs at least k + 1 = ${k + 1} rows, got ${n}`);
  }
  if (x.length !== n * dx || y.length !== n * dy) {
    throw new InfonceError("E_SHAPE", `x has ${x.length} values and y ${y.length}; expected ${n}·${dx} and ${n}·${dy}`);
  }
  const d = dx + dy;
  const z = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < dx; c++) z[i * d + c] = x[i * dx + c] as number;
    for (let c = 0; c < dy; c++) z[i * d + dx + c] = y[i * dy + c] as number;
  }
  const joint = buildKdTree(z, n, d);
  const eps = new Float64Array(n);
  const nx = new Int32Array(n);
  const ny = new Int32Array(n);
  const psi = digammaTable(n + 1);
  let sum = 0;
  if (variant === 1) {
    selfKnnMaxNorm(joint, k, eps);
    const radius = new Float64Array(n);
    for (let i = 0; i < n; i++) radius[i] = strictRadius(eps[i] as number);
    marginalCounts(x, n, dx, radius, nx);
    marginalCounts(y, n, dy, radius, ny);
    for (let i = 0; i < n; i++) {
      nx[i] = (nx[i] as number) - 1;
      ny[i] = (ny[i] as number) - 1;
      sum += (psi[(nx[i] as number) + 1] as number) + (psi[(ny[i] as number) + 1] as number);
    }
    return { mi: (psi[k] as number) + (psi[n] as number) - sum / n, nx, ny };
  }
  const idx = new Int32Array(n * k);
  selfKnnMaxNorm(joint, k, eps, idx);
  const ex = new Float64Array(n);
  const ey = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let mx = 0;
    let my = 0;
    for (let j = 0; j < k; j++) {
      const nb = idx[i * k + j] as number;
      mx = Math.max(mx, maxNorm(x, dx, i, nb));
      my = Math.max(my, maxNorm(y, dy, i, nb));
    }
    ex[i] = mx;
    ey[i] = my;
  }
  marginalCounts(x, n, dx, ex, nx);
  marginalCounts(y, n, dy, ey, ny);
  for (let i = 0; i < n; i++) {
    nx[i] = (nx[i] as number) - 1;
    ny[i] = (ny[i] as number) - 1;
    sum += (psi[nx[i] as number] as number) + (psi[ny[i] as number] as number);
  }
  return { mi: (psi[k] as number) - 1 / k + (psi[n] as number) - sum / n, nx, ny };
}

/** Counts (self included) within each point's radius in one marginal: sorted array in 1-D, else a k-d tree. */
function marginalCounts(m: Float64Array, n: number, d: number, radius: Float64Array, out: Int32Array): void {
  if (d === 1) countWithinRadius1d(m, radius, out);
  else countWithinRadius(buildKdTree(m, n, d), radius, out);
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
