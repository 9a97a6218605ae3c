import type { Estimate, EstimateOptions, Estimator, Matrix, PairedSample } from "../types.js";
import { NO_UNCERTAINTY, resampleUncertainty, type Uncertainty } from "./bootstrap.js";
import { boolSetting, choiceSetting, classicalEstimate, intSetting, seedSetting } from "./classical-estimate.js";
import { copulaTransform } from "./copula.js";
import { ksgTerms } from "./ksg-mi.js";
import { checkSample, takeRows } from "./sample-checks.js";
import { standardizeColumns } from "./standardize.js";

/** How columns are scaled before KSG. */
export type KsgPreprocessing = "standardize" | "copula" | "none";

/** Default number of half-sample replicates for KSG's interval (10 random splits, both halves). */
export const KSG_REPLICATES = 20;

/**
 * KSG on a sample after preprocessing: "standardize" (mean 0, population std 1 per column, as
 * shared/bench/scipy_ref.py), "copula" (normal scores of ranks, see copulaTransform; already standard, so no
 * further scaling) or "none".
 */
export function ksgValue(
  x: Matrix<Float64Array>,
  y: Matrix<Float64Array>,
  k: number,
  variant: 1 | 2,
  preprocessing: KsgPreprocessing,
): number {
  const prep = (m: Matrix<Float64Array>): Float64Array =>
    preprocessing === "copula"
      ? copulaTransform(m).data
      : preprocessing === "standardize"
        ? standardizeColumns(m).data
        : m.data;
  return ksgTerms(prep(x), prep(y), x.rows, x.cols, y.cols, k, variant).mi;
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
      const method = choiceSetting(options, "uncertainty", ["half-sample", "none"] as const, "half-sample");
      const seed = seedSetting(options);
      const preprocessing: KsgPreprocessing = copula ? "copula" : standardize ? "standardize" : "none";
      const checked = checkSample(sample, name, k + 1, `k = ${k} neighbours need k + 1 points`);
      const warnings = [...checked.warnings];
      const value = ksgValue(checked.x, checked.y, k, variant, preprocessing);
      let uncertainty: Uncertainty = NO_UNCERTAINTY;
      if (method !== "none" && replicates >= 2) {
        if (checked.n >> 1 < k + 1) {
          warnings.push(`no interval: half-samples of ${checked.n >> 1} rows are too few for k = ${k}`);
        } else {
          uncertainty = resampleUncertainty(
            value,
            checked.n,
            (rows) => ksgValue(takeRows(checked.x, rows), takeRows(checked.y, rows), k, variant, preprocessing),
            { method: "half-sample", replicates, seed, onProgress: options.onProgress, stop: options.stop },
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
