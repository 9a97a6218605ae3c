import { InfonceError } from "../errors.js";
import { digamma } from "../math/digamma.js";
import type { Estimator, Matrix, OptionsOf, PairedSample, ReportedSettings, SettingSpecs } from "../types.js";
import { normalInterval, resampleUncertainty, type Uncertainty } from "./bootstrap.js";
import { classicalEstimate, seedSetting, type UncertaintySettings } from "./classical-estimate.js";
import { copulaTransform } from "./copula.js";
import { copulaResolutionWarning, halfOfRows } from "./copula-resolution.js";
import { isPartial } from "./ksg.js";
import { readSettings } from "./read-settings.js";
import { type CheckedSample, checkSample, informativeColumns, takeColumns, takeRows } from "./sample-checks.js";

/**
 * A column whose variance left after regressing it on the previous columns is below this fraction of its own
 * variance makes the covariance numerically singular (the Cholesky pivot² of the correlation matrix).
 */
export const COLLINEAR_TOLERANCE = 1e-10;

/** The Gaussian estimate and what its standard error is built from. */
export interface GaussianTerms {
  /** ½ (log det Σ_X + log det Σ_Y − log det Σ), nats, clamped at 0. */
  readonly mi: number;
  /** The same before the clamp (slightly negative when rounding makes it so). */
  readonly raw: number;
  /** Σ r_i², the squared canonical correlations (‖R_XX^{-½} R_XY R_YY^{-½}‖_F²). */
  readonly sumR2: number;
}

/**
 * The Gaussian (CCA, log-det) estimator (Cover & Thomas 2006, ch. 8; docs/estimators.md): I = ½ (log det Σ_X + log det Σ_Y − log det Σ) =
 * −½ Σ log(1 − r_i²) from the sample covariance, r_i the canonical correlations (Hotelling 1936). Exact for
 * jointly Gaussian data; for other data it is the MI of the Gaussian with the same covariance (a lower bound
 * on I when only the marginals are Gaussian — and with `copula`, the Gaussian-copula MI).
 *
 * Computed on the correlation matrix R (columns standardised; MI is scale-free), by Cholesky: the pivot² at
 * column j is the fraction of its variance not explained by the previous columns, so a pivot² below
 * COLLINEAR_TOLERANCE names the collinear column. Then E_DATA, unless `ridge` > 0, which adds ridge·I to R_XX,
 * R_YY and R (shrinking all correlations by 1/(1 + ridge); stated in the settings).
 *
 * @param x n×dx, y n×dy row-major (finite, no constant columns)
 */
export function gaussianTerms(x: Matrix<Float64Array>, y: Matrix<Float64Array>, ridge = 0): GaussianTerms {
  const dx = x.cols;
  const dy = y.cols;
  const d = dx + dy;
  const cov = centredCrossProducts(x, y);
  const r = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b <= a; b++) {
      const v = (cov[a * d + b] as number) / Math.sqrt((cov[a * d + a] as number) * (cov[b * d + b] as number));
      r[a * d + b] = a === b ? 1 + ridge : v;
      r[b * d + a] = a === b ? 1 + ridge : v;
    }
  }
  const lx = choleskyChecked(r, d, 0, dx, "x", ridge, dx);
  const ly = choleskyChecked(r, d, dx, d, "y", ridge, dx);
  const lz = choleskyChecked(r, d, 0, d, "joint", ridge, dx);
  const logDet = (l: Float64Array, m: number): number => {
    let s = 0;
    for (let i = 0; i < m; i++) s += Math.log(l[i * m + i] as number);
    return 2 * s;
  };
  const mi = 0.5 * (logDet(lx, dx) + logDet(ly, dy) - logDet(lz, d));
  // Σ r_i² = ‖L_X⁻¹ R_XY L_Y⁻ᵀ‖_F²: solve L_X M = R_XY column by column, then L_Y W_iᵀ = M_iᵀ row by row.
  const m = new Float64Array(dx * dy);
  for (let j = 0; j < dy; j++) {
    for (let i = 0; i < dx; i++) {
      let s = r[i * d + dx + j] as number;
      for (let t = 0; t < i; t++) s -= (lx[i * dx + t] as number) * (m[t * dy + j] as number);
      m[i * dy + j] = s / (lx[i * dx + i] as number);
    }
  }
  let sumR2 = 0;
  const w = new Float64Array(dy);
  for (let i = 0; i < dx; i++) {
    for (let j = 0; j < dy; j++) {
      let s = m[i * dy + j] as number;
      for (let t = 0; t < j; t++) s -= (ly[j * dy + t] as number) * (w[t] as number);
      w[j] = s / (ly[j * dy + j] as number);
      sumR2 += (w[j] as number) * (w[j] as number);
    }
  }
  return { mi: Math.max(0, mi), raw: mi, sumR2 };
}

/** Rows per tile of centredCrossProducts: d columns of this many float64 stay in L2 (d = 20: 640 KB). */
const TILE_ROWS = 4096;

/**
 * CᵀC for C the centred columns of [x y] (n × d, d = dx + dy), lower triangle of a d×d row-major matrix. Two passes
 * (means, then products of centred values: exact where the one-pass shortcut cancels). The products are taken a tile
 * of rows at a time, copied column-major so the dot products run over contiguous memory, four at once — V8 keeps
 * the sums in registers, where a per-cell loop over the rows spent 4× longer (profiled on a 2M × 10 table).
 */
function centredCrossProducts(x: Matrix<Float64Array>, y: Matrix<Float64Array>): Float64Array {
  const n = x.rows;
  const dx = x.cols;
  const dy = y.cols;
  const d = dx + dy;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < dx; c++) mean[c] = (mean[c] as number) + (x.data[i * dx + c] as number);
    for (let c = 0; c < dy; c++) mean[dx + c] = (mean[dx + c] as number) + (y.data[i * dy + c] as number);
  }
  for (let c = 0; c < d; c++) mean[c] = (mean[c] as number) / n;
  const cov = new Float64Array(d * d);
  const tile = new Float64Array(d * TILE_ROWS);
  for (let i0 = 0; i0 < n; i0 += TILE_ROWS) {
    const rows = Math.min(TILE_ROWS, n - i0);
    for (let t = 0; t < rows; t++) {
      const ox = (i0 + t) * dx;
      const oy = (i0 + t) * dy;
      for (let c = 0; c < dx; c++) tile[c * TILE_ROWS + t] = (x.data[ox + c] as number) - (mean[c] as number);
      for (let c = 0; c < dy; c++)
        tile[(dx + c) * TILE_ROWS + t] = (y.data[oy + c] as number) - (mean[dx + c] as number);
    }
    // 2×2 blocks of (a, b), b ≤ a: the four dot products of columns a, a+1 with b, b+1 share their loads (in V8
    // the loads, bounds-checked, cost more than the multiply-adds). A last odd column pairs with itself. The same
    // block as the ts kernel's gemmDotRows, kept apart on purpose: one helper fed Float64Array here and Float32Array
    // there turns polymorphic in V8, and both ran 25–55% slower with it (same numbers).
    for (let a = 0; a < d; a += 2) {
      const a1 = Math.min(a + 1, d - 1);
      const oa = a * TILE_ROWS;
      const oa1 = a1 * TILE_ROWS;
      for (let b = 0; b <= a; b += 2) {
        const b1 = Math.min(b + 1, d - 1);
        const ob = b * TILE_ROWS;
        const ob1 = b1 * TILE_ROWS;
        let s00 = 0;
        let s01 = 0;
        let s10 = 0;
        let s11 = 0;
        for (let t = 0; t < rows; t++) {
          const x0 = tile[oa + t] as number;
          const x1 = tile[oa1 + t] as number;
          const y0 = tile[ob + t] as number;
          const y1 = tile[ob1 + t] as number;
          s00 += x0 * y0;
          s01 += x0 * y1;
          s10 += x1 * y0;
          s11 += x1 * y1;
        }
        cov[a * d + b] = (cov[a * d + b] as number) + s00;
        if (b1 !== b && b1 <= a) cov[a * d + b1] = (cov[a * d + b1] as number) + s01;
        if (a1 !== a) {
          cov[a1 * d + b] = (cov[a1 * d + b] as number) + s10;
          if (b1 !== b) cov[a1 * d + b1] = (cov[a1 * d + b1] as number) + s11;
        }
      }
    }
  }
  return cov;
}

/** Cholesky of the block [from, to) of the d×d correlation matrix r, with the collinearity diagnosis. */
function choleskyChecked(
  r: Float64Array,
  d: number,
  from: number,
  to: number,
  what: "x" | "y" | "joint",
  ridge: number,
  dx: number,
): Float64Array {
  const m = to - from;
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = r[(from + i) * d + from + j] as number;
      for (let t = 0; t < j; t++) s -= (l[i * m + t] as number) * (l[j * m + t] as number);
      if (i === j) {
        if (!(s > COLLINEAR_TOLERANCE * (1 + ridge))) {
          const frac = s.toExponential(2);
          throw new InfonceError(
            "E_DATA",
            what === "joint"
              ? `x and y are linearly dependent: column ${i - dx} of y is a linear combination of x and the previous columns of y (residual variance fraction ${frac} < ${COLLINEAR_TOLERANCE}), so the Gaussian MI is infinite; remove the redundancy or pass ridge > 0`
              : `the columns of ${what} are collinear: column ${i} of ${what} is a linear combination of the previous ones (residual variance fraction ${frac} < ${COLLINEAR_TOLERANCE}); drop it or pass ridge > 0`,
          );
        }
        l[i * m + i] = Math.sqrt(s);
      } else {
        l[i * m + j] = s / (l[j * m + j] as number);
      }
    }
  }
  return l;
}

/**
 * Asymptotic standard error of the Gaussian estimate:
 *   se² = max(0, Σ r_i² − dx·dy/n) / n + dx·dy / (2n²).
 * First term: under normality √n (r_i − ρ_i) → N(0, (1 − ρ_i²)²) for distinct non-zero canonical correlations,
 * asymptotically independent (Hsu 1941; Anderson 2003, sec. 12.4), and the delta method on −½ log(1 − r²),
 * whose derivative is r/(1 − r²), gives var ≈ Σ ρ_i²/n. It vanishes at independence, where instead
 * 2n·Î → χ²_{dx·dy} (Wilks' likelihood-ratio statistic; Bartlett 1938), of variance 2·dx·dy/(2n)²: the second
 * term. Σ r_i² is debiased by its null expectation dx·dy/n (Pillai's trace) so that the first term does not
 * count noise correlations twice. Checked by simulation in classical.test.ts: within 15% of the true spread with
 * dependence, conservative by ~25% at exact independence.
 */
export function gaussianStderr(terms: GaussianTerms, n: number, dx: number, dy: number): number {
  const signal = Math.max(0, terms.sumR2 - (dx * dy) / n);
  return Math.sqrt(signal / n + (dx * dy) / (2 * n * n));
}

/**
 * The plug-in's expected excess over the true MI on n rows of Gaussian data, whatever Σ:
 *   E[Î] − I = ½ (Σ_{i=1}^{d_y} ψ((n − i)/2) − Σ_{i=d_x+1}^{d_x+d_y} ψ((n − i)/2)),
 * from E[log det S] = log det Σ + Σ_{i=1}^{p} ψ((n − i)/2) + p log(2/(n − 1)) for the sample covariance S of n
 * Gaussian rows in p dimensions ((n − 1)S is Wishart with n − 1 degrees of freedom; Anderson 2003, sec. 7.5;
 * Ahmed & Gokhale 1989 for the entropy). The log terms cancel in the MI; ≈ d_x·d_y/(2n), the mean of Wilks'
 * χ²_{d_x·d_y}/(2n) at independence. Subtracting it makes the estimate unbiased for Gaussian data at every n.
 */
export function gaussianBias(n: number, dx: number, dy: number): number {
  let s = 0;
  for (let i = 1; i <= dy; i++) s += digamma((n - i) / 2) - digamma((n - dx - i) / 2);
  return s / 2;
}

/** The Gaussian estimator with its preprocessing. */
export function gaussianValue(
  x: Matrix<Float64Array>,
  y: Matrix<Float64Array>,
  copula: boolean,
  ridge: number,
): GaussianTerms {
  return copula ? gaussianTerms(copulaTransform(x), copulaTransform(y), ridge) : gaussianTerms(x, y, ridge);
}

/**
 * The sample without the columns that equal an earlier one of their side after the copula transform: one is an
 * increasing (or decreasing) function of the other — a year and a running row number, a level and its cumulative
 * total — so their normal scores coincide and the correlation matrix is singular. The column rule (judge-columns.ts)
 * sets them aside there, with a warning, as it sets aside equal columns before (Rdatasets' DAAG/bomregions2011.csv:
 * Year and two CO₂ series share their ranks, and `auto` refused the table). Returns the kept columns' normal scores
 * too, which the estimate is computed from (the transform is per column).
 */
function withoutRankTwins(c: CheckedSample): {
  checked: CheckedSample;
  scores: { x: Matrix<Float64Array>; y: Matrix<Float64Array> };
} {
  const warnings = [...c.warnings];
  const side = (m: Matrix<Float64Array>, name: string, labels: readonly number[]) => {
    const scores = copulaTransform(m);
    const kept = informativeColumns(scores, name, null, " after the copula transform", warnings, labels);
    const all = kept.length === m.cols;
    return {
      m: all ? m : takeColumns(m, kept),
      scores: all ? scores : takeColumns(scores, kept),
      kept: kept.map((k) => labels[k] as number),
    };
  };
  const x = side(c.x, "x", c.keptX);
  const y = side(c.y, "y", c.keptY);
  return {
    checked: { ...c, x: x.m, y: y.m, keptX: x.kept, keptY: y.kept, warnings },
    scores: { x: x.scores, y: y.scores },
  };
}

/** Default bootstrap replicates when `uncertainty: "bootstrap"` is asked. */
export const GAUSSIAN_BOOTSTRAP_REPLICATES = 50;

/** The settings of the gaussian estimator: its descriptor. */
export const GAUSSIAN_SETTINGS = {
  copula: {
    type: "boolean",
    default: false,
    doc: "Normal scores of the ranks first: the Gaussian-copula estimate, exact for any increasing map of a Gaussian",
  },
  ridge: {
    type: "number",
    check: (v) => Number.isFinite(v) && v >= 0,
    expected: "a finite number ≥ 0",
    default: 0,
    doc: "λ added to the correlation matrices' diagonal (correlations shrink by 1/(1 + λ)) for collinear columns",
  },
  biasCorrection: {
    type: "boolean",
    default: true,
    doc: "Subtract the known small-sample bias of the log-determinants",
  },
  uncertainty: {
    type: "choice",
    choices: ["asymptotic", "bootstrap", "none"],
    default: "asymptotic",
    doc: "The interval: the delta method's standard error, a bootstrap, or none",
  },
  replicates: {
    type: "integer",
    min: 0,
    default: GAUSSIAN_BOOTSTRAP_REPLICATES,
    doc: "Bootstrap replicates (uncertainty bootstrap)",
  },
} as const satisfies SettingSpecs;

/** The options of the gaussian estimator. */
export type GaussianOptions = OptionsOf<typeof GAUSSIAN_SETTINGS>;

/** `Estimate.settings` of the gaussian estimator. */
export type GaussianReportedSettings = ReportedSettings<typeof GAUSSIAN_SETTINGS> &
  UncertaintySettings & { readonly bias: number; readonly seed: number; readonly canonicalR2: number };

export const gaussianEstimator: Estimator<GaussianOptions, GaussianReportedSettings> = {
  name: "gaussian",
  kind: "classical",
  description:
    "Gaussian (CCA) estimator: ½ log det ratio of the sample covariance less its known small-sample bias, asymptotic standard error",
  settings: GAUSSIAN_SETTINGS,
  async estimate(sample: PairedSample, options: GaussianOptions = {}) {
    const start = globalThis.performance.now();
    const s = readSettings("gaussian", GAUSSIAN_SETTINGS, options);
    const { copula, ridge, biasCorrection, replicates } = s;
    const method = s.uncertainty;
    const seed = seedSetting(options);
    const dx0 = sample.x?.cols ?? 0;
    const dy0 = sample.y?.cols ?? 0;
    const minRows = dx0 + dy0 + 2;
    const sampled = checkSample(sample, "gaussian", minRows, `a non-singular ${dx0 + dy0}-dimensional covariance`);
    const ranked = copula ? withoutRankTwins(sampled) : null;
    const checked = ranked?.checked ?? sampled;
    const { x, y, n } = checked;
    const terms = ranked === null ? gaussianTerms(x, y, ridge) : gaussianTerms(ranked.scores.x, ranked.scores.y, ridge);
    // The bias-corrected value is not clamped at 0: at independence it is centred on 0, as its interval must be.
    const bias = biasCorrection ? gaussianBias(n, x.cols, y.cols) : 0;
    const value = biasCorrection ? terms.raw - bias : terms.mi;
    let uncertainty: Uncertainty;
    if (method === "asymptotic") uncertainty = normalInterval(value, gaussianStderr(terms, n, x.cols, y.cols));
    else if (method === "bootstrap" && replicates >= 2) {
      uncertainty = resampleUncertainty(
        value,
        n,
        (rows) => gaussianValue(takeRows(x, rows), takeRows(y, rows), copula, ridge).raw,
        { method: "bootstrap", replicates, seed, onProgress: options.onProgress, stop: options.stop },
      );
    } else uncertainty = { ...normalInterval(value, Number.NaN), method: "none" };
    // Ranks resolve a dependence only to their spacing: an estimate still rising with the rows is a lower bound.
    const half = copula && value >= 1 ? halfOfRows(n, seed) : null;
    const resolution =
      half === null
        ? null
        : copulaResolutionWarning(
            value,
            gaussianValue(takeRows(x, half), takeRows(y, half), true, ridge).raw -
              (biasCorrection ? gaussianBias(half.length, x.cols, y.cols) : 0),
            n,
            gaussianStderr(terms, n, x.cols, y.cols),
          );
    const settings = {
      ...s,
      bias,
      seed,
      canonicalR2: terms.sumR2,
      columnsX: checked.keptX,
      columnsY: checked.keptY,
    };
    const estimate = classicalEstimate(
      "gaussian",
      value,
      n,
      uncertainty,
      resolution === null ? checked.warnings : [...checked.warnings, resolution],
      start,
      settings,
      isPartial(options, uncertainty, replicates),
    );
    return resolution === null ? estimate : { ...estimate, saturated: true };
  },
};
