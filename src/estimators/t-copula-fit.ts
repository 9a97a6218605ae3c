/** The t copula fitted to the ranks (t-copula.ts): R from Kendall's τ, ν by the copula's profile likelihood. */
import jstat from "jstat";
import { cholesky, logDetFromCholesky, principalBlock, solveLowerInPlace } from "../math/cholesky.js";
import { kendallTauMatrix } from "../math/kendall-tau.js";
import { logGamma } from "../math/log-gamma.js";
import { normalCdf, normalQuantile } from "../math/normal-distribution.js";
import { createRng } from "../math/rng.js";
import { studentTMICorrection } from "../tasks/student-t-mi.js";
import type { Matrix } from "../types.js";
import { copulaTransform } from "./copula.js";
import { copulaChecks } from "./t-copula-checks.js";

/**
 * The degrees of freedom the copula's likelihood is profiled over first (∞: the Gaussian copula); between the best
 * one's neighbours the maximum is then searched on the fine grid ν = FINE_STEP^k. Grid values let every bootstrap
 * replicate reuse the score tables, which are most of the cost (a Student-t quantile is an incomplete-beta
 * inversion). The fine step matters: the MI's t term moves fast with ν in many dimensions (10+10 columns, ν = 4:
 * 0.09 nats a unit of ν); a parabola through the coarse grid put ν at 4.15 for 3.98 and read 0.015 low.
 */
const NU_GRID = [1, 1.5, 2, 3, 4, 6, 8, 12, 20, 35, 60, 100, Number.POSITIVE_INFINITY];
const FINE_STEP = 1.01;

/** Most rows the degrees of freedom are fitted on (a seeded subsample beyond): ν is one number, well set by these. */
const NU_FIT_ROWS = 5000;

/** One fit of the copula. */
export interface TCopulaFit {
  /** The MI of the fitted t copula, nats. */
  readonly mi: number;
  /** Fitted degrees of freedom (∞: the Gaussian copula fitted best). */
  readonly nu: number;
  /** ½ (log det R_XX + log det R_YY − log det R): the MI of the Gaussian copula of the same R. */
  readonly gaussianPart: number;
  /** The p-value of the Kolmogorov–Smirnov test of the radii against F(d, ν) (copulaChecks). */
  readonly radialP: number;
  /** The p-value of the radii's independence of the scores' signs (copulaChecks). */
  readonly symmetryP: number;
}

/** The t scores of ranks 0 … m − 1, t_ν⁻¹((r + 1)/(m + 1)), and Σ_r log f_ν of them (every column has the same). */
interface ScoreTable {
  readonly quantiles: Float64Array;
  readonly logDensitySum: number;
}

/** Score tables by row count and ν, shared by the fits of one estimate. */
export type ScoreTables = Map<string, ScoreTable>;

function scoreTable(tables: ScoreTables, m: number, nu: number): ScoreTable {
  const key = `${m}:${nu}`;
  const cached = tables.get(key);
  if (cached !== undefined) return cached;
  const quantiles = Float64Array.from({ length: m }, (_, r) => scoreQuantile((r + 1) / (m + 1), nu));
  const table = { quantiles, logDensitySum: quantiles.reduce((s, q) => s + tLogDensity(q, nu), 0) };
  tables.set(key, table);
  return table;
}

/** The quantile of Student's t (ν = ∞: the normal). */
function scoreQuantile(p: number, nu: number): number {
  return Number.isFinite(nu) ? jstat.jStat.studentt.inv(p, nu) : normalQuantile(p);
}

/** log density of the univariate standard t with ν degrees of freedom (ν = ∞: the normal). */
function tLogDensity(x: number, nu: number): number {
  if (!Number.isFinite(nu)) return -0.5 * (x * x + Math.log(2 * Math.PI));
  return (
    logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Math.log(nu * Math.PI) - ((nu + 1) / 2) * Math.log1p((x * x) / nu)
  );
}

/**
 * R from Kendall's τ of every pair of columns, R_ab = sin(π τ_ab / 2): for every elliptical copula, whatever its
 * radial law (Lindskog, McNeil & Schmock 2003), so R needs no ν. Shrunk toward I until positive definite (the
 * pairwise estimates need not make a positive definite matrix).
 */
function kendallCorrelation(columns: readonly Float64Array[]): Matrix<Float64Array> {
  const d = columns.length;
  const r = kendallTauMatrix(columns).map((tau) => Math.sin((Math.PI / 2) * (Number.isFinite(tau) ? tau : 0)));
  // Shrinkage 0, 0.01, 0.02, 0.04, … 1: at 1 the matrix is I, positive definite.
  for (let shrink = 0; ; shrink = Math.min(1, Math.max(0.01, 2 * shrink))) {
    const m = { rows: d, cols: d, data: r.map((v, i) => (i % (d + 1) === 0 ? 1 : (1 - shrink) * v)) };
    if (positiveDefinite(m)) return m;
  }
}

function positiveDefinite(m: Matrix<Float64Array>): boolean {
  try {
    cholesky(m);
    return true;
  } catch {
    return false;
  }
}

/**
 * The rank (0 … m − 1) of every cell of the rows `rows`, each column ranked among those rows, ties in a fixed
 * pseudo-random order (copula.ts's "random"): the t scores of a column are then the table's quantiles by rank.
 */
function rankCells(columns: readonly Float64Array[], rows: Int32Array): Int32Array[] {
  const m = rows.length;
  return columns.map((c) => {
    const scores = copulaTransform(
      { rows: m, cols: 1, data: Float64Array.from(rows, (r) => c[r] as number) },
      "random",
    );
    return Int32Array.from(scores.data, (z) => Math.min(m - 1, Math.max(0, Math.round(normalCdf(z) * (m + 1)) - 1)));
  });
}

/** Σ_i w_iᵀw_i with L w_i = x_i: the Mahalanobis norms of the rows' scores under R = L Lᵀ, each into `out`. */
function mahalanobis(l: Float64Array, ranks: readonly Int32Array[], quantiles: Float64Array, out: Float64Array): void {
  const d = ranks.length;
  const w = new Float64Array(d);
  for (let i = 0; i < out.length; i++) {
    for (let a = 0; a < d; a++) w[a] = quantiles[(ranks[a] as Int32Array)[i] as number] as number;
    solveLowerInPlace(l, d, w);
    let q = 0;
    for (let a = 0; a < d; a++) q += (w[a] as number) * (w[a] as number);
    out[i] = q;
  }
}

/** The copula's log-likelihood at grid ν: the joint t density less the d marginal ones, over the rows. */
function copulaLogLik(q: Float64Array, logDetR: number, d: number, nu: number, marginalSum: number): number {
  const m = q.length;
  let joint = 0;
  if (Number.isFinite(nu)) {
    const c = logGamma((nu + d) / 2) - logGamma(nu / 2) - (d / 2) * Math.log(nu * Math.PI) - 0.5 * logDetR;
    for (let i = 0; i < m; i++) joint += c - ((nu + d) / 2) * Math.log1p((q[i] as number) / nu);
  } else {
    const c = -(d / 2) * Math.log(2 * Math.PI) - 0.5 * logDetR;
    for (let i = 0; i < m; i++) joint += c - 0.5 * (q[i] as number);
  }
  return joint - d * marginalSum;
}

/**
 * The ν of largest likelihood: the best of NU_GRID, then a ternary search over the fine grid between its finite
 * neighbours (the profile likelihood is unimodal in ν).
 */
function bestNu(logLikAt: (nu: number) => number): number {
  const coarse = NU_GRID.map(logLikAt);
  let best = 0;
  for (let g = 1; g < coarse.length; g++) if ((coarse[g] as number) > (coarse[best] as number)) best = g;
  const nu = NU_GRID[best] as number;
  const hi = NU_GRID[best + 1] as number;
  if (!Number.isFinite(nu) || !Number.isFinite(hi)) return nu;
  const lo = NU_GRID[Math.max(0, best - 1)] as number;
  const fine = (k: number) => FINE_STEP ** k;
  const at = new Map<number, number>();
  const f = (k: number): number => {
    const known = at.get(k);
    if (known !== undefined) return known;
    const v = logLikAt(fine(k));
    at.set(k, v);
    return v;
  };
  let a = Math.ceil(Math.log(lo) / Math.log(FINE_STEP));
  let b = Math.floor(Math.log(hi) / Math.log(FINE_STEP));
  while (b - a > 2) {
    const m1 = a + Math.floor((b - a) / 3);
    const m2 = b - Math.floor((b - a) / 3);
    if (f(m1) < f(m2)) a = m1 + 1;
    else b = m2 - 1;
  }
  let k = a;
  for (let j = a + 1; j <= b; j++) if (f(j) > f(k)) k = j;
  return fine(k);
}

/**
 * Fits the t copula to the columns (x's first, `dx` of them): R from Kendall's τ, ν by the profile likelihood of the
 * rank-based pseudo-observations (the canonical maximum-likelihood method of Genest, Ghoudi & Rivest 1995, as Demarta
 * & McNeil 2005 fit the t copula), on at most NU_FIT_ROWS rows.
 * @param tables score tables, reused across bootstrap replicates
 */
export function fitTCopula(
  columns: readonly Float64Array[],
  dx: number,
  seed: number,
  tables: ScoreTables = new Map(),
): TCopulaFit {
  const d = columns.length;
  const n = (columns[0] as Float64Array).length;
  const r = kendallCorrelation(columns);
  const l = cholesky(r, "the Kendall correlation matrix");
  const logDetR = logDetFromCholesky(l, d);
  const gaussianPart = Math.max(
    0,
    0.5 *
      (logDetFromCholesky(cholesky(principalBlock(r, 0, dx)), dx) +
        logDetFromCholesky(cholesky(principalBlock(r, dx, d)), d - dx) -
        logDetR),
  );
  const rows =
    n <= NU_FIT_ROWS
      ? Int32Array.from({ length: n }, (_, i) => i)
      : createRng(seed, 0x7c0)
          .shuffleInPlace(Int32Array.from({ length: n }, (_, i) => i))
          .slice(0, NU_FIT_ROWS)
          .sort();
  const m = rows.length;
  const ranks = rankCells(columns, rows);
  const q = new Float64Array(m);
  const nu = bestNu((nu) => {
    const table = scoreTable(tables, m, nu);
    mahalanobis(l, ranks, table.quantiles, q);
    return copulaLogLik(q, logDetR, d, nu, table.logDensitySum);
  });
  const correction = Number.isFinite(nu) ? studentTMICorrection(dx, d - dx, nu) : 0;
  mahalanobis(l, ranks, scoreTable(tables, m, nu).quantiles, q);
  return {
    mi: gaussianPart + correction,
    nu,
    gaussianPart,
    ...copulaChecks(q, ranks, nu),
  };
}
