import type { Estimate, EstimateOptions, Estimator, PairedSample } from "../types.js";
import { NO_UNCERTAINTY, resampleUncertaintyAsync, type Uncertainty } from "./bootstrap.js";
import { boolSetting, choiceSetting, classicalEstimate, intSetting, seedSetting } from "./classical-estimate.js";
import { type KsgPreprocessing, ksgPoolOption, ksgValueOn } from "./ksg-jobs.js";
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

function makeKsg(variant: 1 | 2): Estimator {
  const name = variant === 1 ? "ksg" : "ksg2";
  return {
    name,
    kind: "classical",
    description:
      variant === 1
        ? "KSG estimator 1 (Kraskov et al. 2004): k-NN in max-norm, strictly-closer marginal counts; k = 3"
        : "KSG estimator 2 (Kraskov et al. 2004): marginal radii from the k neighbours, inclusive counts; k = 3",
    async estimate(sample: PairedSample, options: EstimateOptions = {}): Promise<Estimate> {
      const start = globalThis.performance.now();
      const k = intSetting(options, "k", 3, 1);
      const copula = boolSetting(options, "copula", false);
      const standardize = boolSetting(options, "standardize", true);
      const replicates = intSetting(options, "replicates", KSG_REPLICATES, 0);
      const method = choiceSetting(options, "uncertainty", ["subsample", "half-sample", "none"] as const, "subsample");
      const seed = seedSetting(options);
      const preprocessing: KsgPreprocessing = copula ? "copula" : standardize ? "standardize" : "none";
      const checked = checkSample(sample, name, k + 1, `k = ${k} neighbours need k + 1 points`);
      const groups =
        method === "half-sample" ? 2 : intSetting(options, "groups", ksgDefaultGroups(checked.n), 2, checked.n);
      const pool = ksgPoolOption(options);
      const warnings = [...checked.warnings];
      const value = await ksgValueOn(pool, checked.x, checked.y, k, variant, preprocessing);
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
        k,
        variant,
        preprocessing,
        metric: "max-norm",
        seed,
        columnsX: checked.keptX,
        columnsY: checked.keptY,
      };
      return classicalEstimate(
        name,
        value,
        checked.n,
        uncertainty,
        warnings,
        start,
        settings,
        isPartial(options, uncertainty, replicates),
      );
    },
  };
}

/** True when a stop signal cut the replicates short. */
export function isPartial(options: EstimateOptions, u: Uncertainty, asked: number): boolean {
  return options.stop?.stopped === true && u.method !== "none" && u.replicates < asked;
}

/** KSG estimator 1. */
export const ksgEstimator: Estimator = makeKsg(1);
/** KSG estimator 2. */
export const ksg2Estimator: Estimator = makeKsg(2);
