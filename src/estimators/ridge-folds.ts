import { cholesky, solveLowerInPlace, solveLowerTransposedInPlace } from "../math/cholesky.js";
import { dotRows } from "../math/dense-rows.js";

/**
 * The sufficient statistics of a block of rows for a least-squares fit of a target t on features x with an
 * intercept: the count, the sums, the Gram matrix Σ x xᵀ (full, d×d row-major), Σ x t and Σ t². Blocks add, so
 * the statistics of any union of folds are sums of the folds' — cross-validation then costs one pass over the data,
 * whatever the number of folds and penalties tried.
 */
export interface RidgeStats {
  readonly d: number;
  readonly m: number;
  readonly sumX: Float64Array;
  readonly sumT: number;
  readonly gram: Float64Array;
  readonly xt: Float64Array;
  readonly tt: number;
}

/** A fitted linear predictor t ≈ intercept + xᵀbeta. */
export interface RidgeFit {
  readonly intercept: number;
  readonly beta: Float64Array;
}

/** The statistics of rows `rows` of x (n×d row-major) and t. */
export function blockStats(x: Float64Array, d: number, t: Float64Array, rows: ArrayLike<number>): RidgeStats {
  const sumX = new Float64Array(d);
  const gram = new Float64Array(d * d);
  const xt = new Float64Array(d);
  let sumT = 0;
  let tt = 0;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as number;
    const o = r * d;
    const tr = t[r] as number;
    sumT += tr;
    tt += tr * tr;
    for (let i = 0; i < d; i++) {
      const xi = x[o + i] as number;
      sumX[i] = (sumX[i] as number) + xi;
      xt[i] = (xt[i] as number) + xi * tr;
      const gi = i * d;
      for (let j = i; j < d; j++) gram[gi + j] = (gram[gi + j] as number) + xi * (x[o + j] as number);
    }
  }
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) gram[i * d + j] = gram[j * d + i] as number;
  return { d, m: rows.length, sumX, sumT, gram, xt, tt };
}

/** The statistics of the union of disjoint blocks: Σ blocks with sign +1, minus those with sign −1. */
export function combineStats(terms: readonly { readonly stats: RidgeStats; readonly sign: 1 | -1 }[]): RidgeStats {
  const d = (terms[0] as { stats: RidgeStats }).stats.d;
  const sumX = new Float64Array(d);
  const gram = new Float64Array(d * d);
  const xt = new Float64Array(d);
  let m = 0;
  let sumT = 0;
  let tt = 0;
  for (const { stats: s, sign } of terms) {
    m += sign * s.m;
    sumT += sign * s.sumT;
    tt += sign * s.tt;
    for (let i = 0; i < d; i++) {
      sumX[i] = (sumX[i] as number) + sign * (s.sumX[i] as number);
      xt[i] = (xt[i] as number) + sign * (s.xt[i] as number);
    }
    for (let i = 0; i < d * d; i++) gram[i] = (gram[i] as number) + sign * (s.gram[i] as number);
  }
  return { d, m, sumX, sumT, gram, xt, tt };
}

/**
 * Ridge regression from statistics: minimises Σ (t − a − xᵀβ)² + λ·m·|β|² (the intercept a unpenalised; λ is per
 * row, so one grid serves folds of any size on standardised features). Solves (G_c + λ m I) β = c_c with the
 * centred Gram G_c = G − s sᵀ/m and c_c = Σ x t − s Σt/m by Cholesky. Null when that matrix is not positive
 * definite (collinear features with λ too small to make up for it). λ = ∞ is the marginal model: the mean of t.
 */
export function ridgeFromStats(s: RidgeStats, lambda: number): RidgeFit | null {
  const { d, m } = s;
  if (lambda === Number.POSITIVE_INFINITY) return { intercept: s.sumT / m, beta: new Float64Array(d) };
  const a = new Float64Array(d * d);
  const b = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    const si = s.sumX[i] as number;
    b[i] = (s.xt[i] as number) - (si * s.sumT) / m;
    for (let j = 0; j < d; j++) a[i * d + j] = (s.gram[i * d + j] as number) - (si * (s.sumX[j] as number)) / m;
    a[i * d + i] = (a[i * d + i] as number) + lambda * m;
  }
  let l: Float64Array;
  try {
    l = cholesky({ rows: d, cols: d, data: a }, "ridge system");
  } catch {
    return null;
  }
  const beta = solveLowerTransposedInPlace(l, d, solveLowerInPlace(l, d, b));
  let dot = 0;
  for (let i = 0; i < d; i++) dot += (s.sumX[i] as number) * (beta[i] as number);
  return { intercept: (s.sumT - dot) / m, beta };
}

/**
 * Σ (t − a − xᵀβ)² over the rows of a block, from its statistics alone:
 * Σt² − 2aΣt − 2βᵀΣxt + m a² + 2a βᵀΣx + βᵀGβ.
 */
export function squaredErrorFromStats(fit: RidgeFit, s: RidgeStats): number {
  const { d } = s;
  const { intercept: a, beta } = fit;
  let bxt = 0;
  let bsx = 0;
  let bgb = 0;
  for (let i = 0; i < d; i++) {
    const bi = beta[i] as number;
    bxt += bi * (s.xt[i] as number);
    bsx += bi * (s.sumX[i] as number);
    let gb = 0;
    for (let j = 0; j < d; j++) gb += (s.gram[i * d + j] as number) * (beta[j] as number);
    bgb += bi * gb;
  }
  return Math.max(0, s.tt - 2 * a * s.sumT - 2 * bxt + s.m * a * a + 2 * a * bsx + bgb);
}

/** The fitted value a + xᵀβ of row r of x (n×d row-major). */
export function predictRow(fit: RidgeFit, x: Float64Array, d: number, r: number): number {
  return fit.intercept + dotRows(fit.beta, 0, x, r * d, d);
}
