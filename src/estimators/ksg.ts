import type { EstimateOptions, Estimator, OptionsOf, PairedSample, ReportedSettings, SettingSpecs } from "../types.js";
import { NO_UNCERTAINTY, resampleUncertaintyAsync, type Uncertainty } from "./bootstrap.js";
import { classicalEstimate, intSetting, seedSetting, type UncertaintySettings } from "./classical-estimate.js";
import { tiesWarning } from "./copula.js";
import { ksgCeilingWarning } from "./ksg-ceiling.js";
import { type KsgPreprocessing, ksgPoolOption, ksgValueOn } from "./ksg-jobs.js";
import { readSettings } from "./read-settings.js";
import { checkSample, takeRows } from "./sample-checks.js";

export type { KsgPreprocessing } from "./ksg-jobs.js";
export { ksgValue } from "./ksg-jobs.js";

/** Default number of subsample replicates for KSG's interval. */
export const KSG_REPLICATES = 20;

/** Rows per group below which the subsample interval uses fewer groups (the estimator's spread must scale as 1/m). */
export const KSG_MIN_GROUP_ROWS = 500;

/** Most groups per partition of the subsample interval. */
export const KSG_MAX_GROUPS = 10;

/**
 * Default groups of the subsample interval at n rows: as many as keep ≥ KSG_MIN_GROUP_ROWS rows each, between 2
 * (half-samples) and KSG_MAX_GROUPS. More groups cost less (at 5+5, where a KSG run grows like n^1.4, a partition
 * into 10 costs 10^−0.4 = 0.40 of the estimate) and count the neighbourhood noise g/(g − 1) times instead of twice.
 */
export function ksgDefaultGroups(n: number): number {
  return Math.max(2, Math.min(KSG_MAX_GROUPS, Math.floor(n / KSG_MIN_GROUP_ROWS)));
}

/** The settings of ksg and ksg2: their descriptor (types, defaults, docs). */
export const KSG_SETTINGS = {
  k: { type: "integer", min: 1, default: 3, doc: "Neighbours: larger k, less variance and more bias" },
  copula: {
    type: "boolean",
    default: false,
    doc: "Normal scores of the ranks of every column first (MI is unchanged; tails and warped marginals stop mattering)",
  },
  standardize: {
    type: "boolean",
    default: true,
    doc: "Scale every column to mean 0, sd 1 first (max-norm neighbours mix the columns' units otherwise)",
  },
  uncertainty: {
    type: "choice",
    choices: ["subsample", "half-sample", "none"],
    default: "subsample",
    doc: "The interval: from disjoint subsamples (scaled to n), from half-samples, or none",
  },
  replicates: { type: "integer", min: 0, default: KSG_REPLICATES, doc: "Resampled estimates behind the interval" },
  groups: {
    type: "integer",
    min: 2,
    defaultDoc: `n/${KSG_MIN_GROUP_ROWS}, in [2, ${KSG_MAX_GROUPS}]`,
    doc: "Disjoint groups per partition of the subsample interval (at most n)",
  },
} as const satisfies SettingSpecs;

/** The options of ksg and ksg2. */
export type KsgOptions = OptionsOf<typeof KSG_SETTINGS>;

/** `Estimate.settings` of ksg and ksg2. */
export type KsgReportedSettings = ReportedSettings<typeof KSG_SETTINGS> &
  UncertaintySettings & {
    readonly variant: 1 | 2;
    readonly preprocessing: KsgPreprocessing;
    readonly seed: number;
  };

/** A KSG estimator: typed options and settings. */
export type KsgEstimator = Estimator<KsgOptions, KsgReportedSettings>;

function makeKsg(variant: 1 | 2): KsgEstimator {
  const name = variant === 1 ? "ksg" : "ksg2";
  return {
    name,
    kind: "classical",
    description:
      variant === 1
        ? "KSG estimator 1 (Kraskov et al. 2004): k-NN in max-norm, strictly-closer marginal counts; k = 3"
        : "KSG estimator 2 (Kraskov et al. 2004): marginal radii from the k neighbours, inclusive counts; k = 3",
    settings: KSG_SETTINGS,
    async estimate(sample: PairedSample, options: KsgOptions = {}) {
      const start = globalThis.performance.now();
      const s = readSettings(name, KSG_SETTINGS, options);
      const { k, copula, standardize, replicates } = s;
      const method = s.uncertainty;
      const seed = seedSetting(options);
      const preprocessing: KsgPreprocessing = copula ? "copula" : standardize ? "standardize" : "none";
      const checked = checkSample(sample, name, k + 1, `k = ${k} neighbours need k + 1 points`);
      const groups =
        method === "half-sample" ? 2 : intSetting(options, "groups", ksgDefaultGroups(checked.n), 2, checked.n);
      const pool = ksgPoolOption(options);
      const warnings = [...checked.warnings];
      const ties = preprocessing === "copula" ? null : tiesWarning(name, { x: checked.x, y: checked.y });
      if (ties !== null) warnings.push(ties);
      const value = await ksgValueOn(pool, checked.x, checked.y, k, variant, preprocessing);
      const ceiling = ksgCeilingWarning(name, value, checked.n, k, variant);
      if (ceiling !== null) warnings.push(ceiling);
      let uncertainty: Uncertainty = NO_UNCERTAINTY;
      if (method !== "none" && replicates >= 2) {
        const m = Math.floor(checked.n / groups);
        if (m < k + 1) {
          warnings.push(`no interval: subsamples of ${m} rows (n/${groups}) are too few for k = ${k}`);
        } else {
          uncertainty = await resampleUncertaintyAsync(
            value,
            checked.n,
            async (rows) => {
              const r = await pool.run({
                kind: "value",
                x: takeRows(checked.x, rows),
                y: takeRows(checked.y, rows),
                k,
                variant,
                preprocessing,
              });
              return r.kind === "value" ? r.value : Number.NaN;
            },
            {
              method: method === "half-sample" ? "half-sample" : "subsample",
              groups,
              replicates,
              seed,
              concurrency: pool.threads,
              onProgress: options.onProgress,
              stop: options.stop,
            },
          );
        }
      }
      const settings = {
        ...s,
        variant,
        preprocessing,
        metric: "max-norm",
        seed,
        columnsX: checked.keptX,
        columnsY: checked.keptY,
      };
      const estimate = classicalEstimate(
        name,
        value,
        checked.n,
        uncertainty,
        warnings,
        start,
        settings,
        isPartial(options, uncertainty, replicates),
      );
      return ceiling === null ? estimate : { ...estimate, saturated: true };
    },
  };
}

/** True when a stop signal cut the replicates short. */
export function isPartial(options: EstimateOptions, u: Uncertainty, asked: number): boolean {
  return options.stop?.stopped === true && u.method !== "none" && u.replicates < asked;
}

/** KSG estimator 1. */
export const ksgEstimator: KsgEstimator = makeKsg(1);
/** KSG estimator 2. */
export const ksg2Estimator: KsgEstimator = makeKsg(2);
