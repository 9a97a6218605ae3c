import fCdf from "@stdlib/stats-base-dists-f-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import { InfonceError } from "../errors.js";
import { ascendingOrder } from "../math/ascending-order.js";
import { cholesky, logDetFromCholesky, principalBlock, solveLowerInPlace } from "../math/cholesky.js";
import { kendallTauMatrix } from "../math/kendall-tau.js";
import { logGamma } from "../math/log-gamma.js";
import { erfc, normalCdf, normalQuantile } from "../math/normal-distribution.js";
import { createRng } from "../math/rng.js";
import { studentTMICorrection } from "../tasks/student-t-mi.js";
import type { Estimator, Matrix, OptionsOf, PairedSample, ReportedSettings, SettingSpecs } from "../types.js";
import { normalInterval, type ResampleOptions, resampleUncertainty, type Uncertainty } from "./bootstrap.js";
import { classicalEstimate, seedSetting, type UncertaintySettings } from "./classical-estimate.js";
import { copulaTransform } from "./copula.js";
import { gaussianBias } from "./gaussian.js";
import { isPartial } from "./ksg.js";
import { readSettings } from "./read-settings.js";
import { checkSample, takeRows } from "./sample-checks.js";

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

/**
 * The p-value below which a check of copulaChecks fails: `check: "refuse"` then refuses (E_DATA), and `auto` moves on. The
 * Kolmogorov p-value with fitted R and ν is conservative (a fitted law lies closer to its sample than the truth),
 * so the check lets through some laws that are no t copula; it rejects those whose radii are far from F(d, ν).
 */
export const T_COPULA_CHECK_P = 0.01;

/**
 * The Gaussian part's excess at independence over the Gaussian estimator's (gaussianBias): R from Kendall's τ is
 * noisier than the sample correlation, var sin(πτ/2) ≈ (π/2)²·4/(9n) = (π²/9)/n against 1/n at ρ = 0 (Kendall
 * 1938). Subtracted so that the estimate is centred on 0 at independence (20+20 independent normal columns, 1,000
 * rows: 0.247 before).
 */
const KENDALL_BIAS_FACTOR = (Math.PI * Math.PI) / 9;

/**
 * Above twice this many rows the interval comes from disjoint subsamples of about this many (bootstrap.ts's
 * "subsample": the spread of their estimates scaled to n rows), not from resamples of all n: a fit's Kendall matrix
 * costs O(d² n log n), and 40 of them on 50,000 rows × 20 columns took 86 s.
 */
const REPLICATE_ROWS = 5000;

/** Default bootstrap replicates. */
const T_COPULA_REPLICATES = 40;

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
type ScoreTables = Map<string, ScoreTable>;

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
  return Number.isFinite(nu) ? tQuantile(p, nu) : normalQuantile(p);
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
  for (let shrink = 0; ; shrink = Math.max(0.01, 2 * shrink)) {
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

/** The asymptotic Kolmogorov p-value of a one-sample statistic D on m values (Stephens' finite-m scaling). */
function kolmogorovP(dStat: number, m: number): number {
  const lambda = (Math.sqrt(m) + 0.12 + 0.11 / Math.sqrt(m)) * dStat;
  if (lambda < 0.2) return 1;
  let p = 0;
  for (let k = 1; k <= 100; k++) {
    const term = 2 * (k % 2 === 1 ? 1 : -1) * Math.exp(-2 * k * k * lambda * lambda);
    p += term;
    if (Math.abs(term) < 1e-12) break;
  }
  return Math.min(1, Math.max(0, p));
}

/**
 * The two checks of a t copula on the rows' t scores x (m of them), each a p-value:
 * - radial: Q/d = xᵀR⁻¹x/d is F(d, ν) distributed (χ²_d/d at ν = ∞), by Kolmogorov–Smirnov;
 * - symmetry: an elliptical law's radius is independent of its direction, so of the sign of each score: the
 *   Mann–Whitney test of Q between the rows of positive and of negative score in each column, the smallest p-value
 *   times d (Bonferroni). Radii alone let through y = x² + noise in 3+3 columns (p 0.39): a square's rank is large
 *   where |x| is, so the rows of positive y scores are the far ones.
 */
function copulaChecks(
  l: Float64Array,
  ranks: readonly Int32Array[],
  quantiles: Float64Array,
  nu: number,
): { readonly radialP: number; readonly symmetryP: number } {
  const d = ranks.length;
  const m = quantiles.length;
  const q = new Float64Array(m);
  mahalanobis(l, ranks, quantiles, q);
  const order = ascendingOrder(q);
  // A very large second degree of freedom stands for ∞ (F(d, ν) → χ²_d/d).
  const df2 = Number.isFinite(nu) ? nu : 1e9;
  let dStat = 0;
  const rankOfRow = new Float64Array(m);
  order.forEach((row, i) => {
    const f = fCdf((q[row] as number) / d, d, df2);
    dStat = Math.max(dStat, f - i / m, (i + 1) / m - f);
    rankOfRow[row] = i + 1;
  });
  let smallest = 1;
  for (const column of ranks) {
    // A score is positive where the rank is above the middle (the quantiles are symmetric about it).
    let n1 = 0;
    let rankSum = 0;
    for (let i = 0; i < m; i++) {
      if (2 * ((column[i] as number) + 1) > m + 1) {
        n1++;
        rankSum += rankOfRow[i] as number;
      }
    }
    const n2 = m - n1;
    if (n1 === 0 || n2 === 0) continue;
    const z = (rankSum - (n1 * (m + 1)) / 2) / Math.sqrt((n1 * n2 * (m + 1)) / 12);
    smallest = Math.min(smallest, erfc(Math.abs(z) / Math.SQRT2));
  }
  return { radialP: kolmogorovP(dStat, m), symmetryP: Math.min(1, d * smallest) };
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
  return {
    mi: gaussianPart + correction,
    nu,
    gaussianPart,
    ...copulaChecks(l, ranks, scoreTable(tables, m, nu).quantiles, nu),
  };
}

/** The settings of the t-copula estimator: its descriptor. */
export const T_COPULA_SETTINGS = {
  check: {
    type: "choice",
    choices: ["warn", "refuse"],
    default: "warn",
    doc: `When the t scores fail the t-copula check (their radii's law or their independence of the signs, p < ${T_COPULA_CHECK_P}): warn, or refuse (E_DATA)`,
  },
  uncertainty: {
    type: "choice",
    choices: ["bootstrap", "none"],
    default: "bootstrap",
    doc: "The interval: a bootstrap of the whole fit (R and ν; from 10,000 rows, disjoint subsamples of 5,000), or none",
  },
  replicates: {
    type: "integer",
    min: 2,
    default: T_COPULA_REPLICATES,
    doc: "Bootstrap replicates",
  },
} as const satisfies SettingSpecs;

/** The options of the t-copula estimator. */
export type TCopulaOptions = OptionsOf<typeof T_COPULA_SETTINGS>;

/** `Estimate.settings` of the t-copula estimator. */
export type TCopulaReportedSettings = ReportedSettings<typeof T_COPULA_SETTINGS> &
  UncertaintySettings & {
    readonly nu: number | null;
    readonly gaussianPart: number;
    /** Subtracted from the fit's MI: the Gaussian part's expected excess at independence (KENDALL_BIAS_FACTOR). */
    readonly bias: number;
    readonly radialP: number;
    readonly symmetryP: number;
    readonly seed: number;
  };

export const tCopulaEstimator: Estimator<TCopulaOptions, TCopulaReportedSettings> = {
  name: "t-copula",
  kind: "classical",
  description:
    "Student-t copula fitted to the ranks (R from Kendall's τ, ν by maximum likelihood): its MI in closed form, bootstrap interval",
  settings: T_COPULA_SETTINGS,
  async estimate(sample: PairedSample, options: TCopulaOptions = {}) {
    const start = globalThis.performance.now();
    const s = readSettings("t-copula", T_COPULA_SETTINGS, options);
    const seed = seedSetting(options);
    const d0 = (sample.x?.cols ?? 0) + (sample.y?.cols ?? 0);
    const checked = checkSample(sample, "t-copula", Math.max(20, d0 + 2), "a dispersion matrix and degrees of freedom");
    const { x, y, n } = checked;
    const dx = x.cols;
    const columnsOf = (mx: Matrix<Float64Array>, my: Matrix<Float64Array>) => [
      ...Array.from({ length: mx.cols }, (_, c) =>
        Float64Array.from({ length: mx.rows }, (_, i) => mx.data[i * mx.cols + c] as number),
      ),
      ...Array.from({ length: my.cols }, (_, c) =>
        Float64Array.from({ length: my.rows }, (_, i) => my.data[i * my.cols + c] as number),
      ),
    ];
    const tables: ScoreTables = new Map();
    const fit = fitTCopula(columnsOf(x, y), dx, seed, tables);
    // Not clamped at 0: at independence the estimate is centred on 0, as its interval must be.
    const bias = KENDALL_BIAS_FACTOR * gaussianBias(n, dx, y.cols);
    const value = fit.mi - bias;
    const failed = Math.min(fit.radialP, fit.symmetryP) < T_COPULA_CHECK_P;
    const checkNote = `the t scores fail the t-copula check (p = ${fit.radialP.toExponential(1)} for the radii' law, ${fit.symmetryP.toExponential(1)} for their independence of the signs; < ${T_COPULA_CHECK_P} fails; ν = ${fit.nu.toFixed(2)})`;
    if (failed && s.check === "refuse") {
      throw new InfonceError("E_DATA", `t-copula: ${checkNote}: the data are no t copula; use ksg, infonce or auto`);
    }
    const replicate = (rows: Int32Array) =>
      fitTCopula(columnsOf(takeRows(x, rows), takeRows(y, rows)), dx, seed, tables).mi;
    const groups = Math.floor(n / REPLICATE_ROWS);
    const resample: ResampleOptions = {
      replicates: s.replicates,
      seed,
      onProgress: options.onProgress,
      stop: options.stop,
      ...(groups >= 2 ? { method: "subsample", groups } : { method: "bootstrap" }),
    };
    const uncertainty: Uncertainty =
      s.uncertainty === "bootstrap"
        ? resampleUncertainty(value, n, replicate, resample)
        : { ...normalInterval(value, Number.NaN), method: "none" };
    const warnings = [
      ...checked.warnings,
      ...(failed ? [`${checkNote}: the estimate assumes a t copula and may be far off`] : []),
    ];
    const settings = {
      ...s,
      nu: Number.isFinite(fit.nu) ? fit.nu : null,
      gaussianPart: fit.gaussianPart,
      bias,
      radialP: fit.radialP,
      symmetryP: fit.symmetryP,
      seed,
      columnsX: checked.keptX,
      columnsY: checked.keptY,
    };
    return classicalEstimate(
      "t-copula",
      value,
      n,
      uncertainty,
      warnings,
      start,
      settings,
      isPartial(options, uncertainty, s.replicates),
    );
  },
};
