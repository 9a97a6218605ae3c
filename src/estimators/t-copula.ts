import { InfonceError } from "../errors.js";
import type { Estimator, Matrix, OptionsOf, PairedSample, ReportedSettings, SettingSpecs } from "../types.js";
import { normalInterval, type ResampleOptions, resampleUncertainty, type Uncertainty } from "./bootstrap.js";
import { classicalEstimate, seedSetting, type UncertaintySettings } from "./classical-estimate.js";
import { gaussianBias } from "./gaussian.js";
import { isPartial } from "./ksg.js";
import { readSettings } from "./read-settings.js";
import { checkSample, takeRows } from "./sample-checks.js";
import { fitTCopula, type ScoreTables } from "./t-copula-fit.js";

/**
 * The p-value below which a check of copulaChecks (t-copula-checks.ts) fails: `check: "refuse"` then refuses
 * (E_DATA), and `auto` moves on. The Kolmogorov p-value with fitted R and ν is conservative (a fitted law lies closer
 * to its sample than the truth), so the check lets through some laws that are no t copula; it rejects those whose
 * radii are far from F(d, ν) or depend on the scores' signs.
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
    min: 0,
    default: T_COPULA_REPLICATES,
    doc: "Bootstrap replicates (fewer than 2: no interval)",
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
    // Every column of x, then of y, as its own array (Kendall's τ and the ranks read columns).
    const columnsOf = (mx: Matrix<Float64Array>, my: Matrix<Float64Array>) =>
      [mx, my].flatMap((m) =>
        Array.from({ length: m.cols }, (_, c) =>
          Float64Array.from({ length: m.rows }, (_, i) => m.data[i * m.cols + c] as number),
        ),
      );
    const tables: ScoreTables = new Map();
    const fit = fitTCopula(columnsOf(x, y), dx, seed, tables);
    // Not clamped at 0: at independence the estimate is centred on 0, as its interval must be.
    const bias = KENDALL_BIAS_FACTOR * gaussianBias(n, dx, y.cols);
    const value = fit.mi - bias;
    const failed = Math.min(fit.radialP, fit.symmetryP) < T_COPULA_CHECK_P;
    const checkNote = `the t scores fail the t-copula check (p = ${fit.radialP.toExponential(1)} for the law of the radii, ${fit.symmetryP.toExponential(1)} for their independence of the signs; < ${T_COPULA_CHECK_P} fails; ν = ${fit.nu.toFixed(2)})`;
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
      s.uncertainty === "bootstrap" && s.replicates >= 2
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
