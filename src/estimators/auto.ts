import type { Estimate, EstimateOptions, Estimator, PairedSample } from "../types.js";
import { gaussianEstimator } from "./gaussian.js";
import { sideKinds } from "./mixed.js";
import { checkSample } from "./sample-checks.js";

/** The type of one side of the data: all columns categorical, none, or some. */
export type DataKind = "discrete" | "continuous" | "mixed";

/** What `auto` looks at. */
export interface SampleProfile {
  readonly n: number;
  readonly dx: number;
  readonly dy: number;
  readonly kindX: DataKind;
  readonly kindY: DataKind;
  readonly categoricalX: readonly boolean[];
  readonly categoricalY: readonly boolean[];
}

/** The estimator `auto` picks, the options it passes, why, and the reference estimate to show beside it. */
export interface EstimatorChoice {
  readonly estimator: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly reason: string;
  readonly reference?: { readonly estimator: string; readonly settings: Readonly<Record<string, unknown>> };
  /** Set when the preferred estimator is not available and a fallback runs instead. */
  readonly warning?: string;
}

/**
 * Continuous data with at most this many dimensions in total (dx + dy) go to KSG on copula-transformed data; above
 * it KSG's downward bias grows fast (bmi's 2-pair task, n = 5000: error 0.05 nats at 3+3, 0.26 at 5+5, 0.88 at
 * 25+25), while at ≤ 6 dimensions it beats the Gaussian-copula estimate wherever the dependence is not a Gaussian
 * copula (Student-t 2+2: 0.04 vs 0.43; additive noise: 0.01 vs 0.15). Rows in docs/estimators.md.
 */
export const AUTO_MAX_KSG_DIM = 6;

/** The neural estimator `auto` uses for high-dimensional continuous data, looked up by name at run time. */
export const AUTO_NEURAL = "infonce";

function kindOf(flags: readonly boolean[]): DataKind {
  if (flags.every(Boolean)) return "discrete";
  if (!flags.some(Boolean)) return "continuous";
  return "mixed";
}

/**
 * Profiles a sample: size, dimensions and the kind of each side (categorical columns detected as
 * integer-valued with ≤ maxCategories distinct values, or forced by `discrete: { x, y }`).
 */
export function profileSample(sample: PairedSample, options: EstimateOptions = {}): SampleProfile {
  const checked = checkSample(sample, "auto", 2, "any estimate needs two rows");
  const kinds = sideKinds(checked.x, checked.y, options);
  return {
    n: checked.n,
    dx: checked.x.cols,
    dy: checked.y.cols,
    kindX: kindOf(kinds.x),
    kindY: kindOf(kinds.y),
    categoricalX: kinds.x,
    categoricalY: kinds.y,
  };
}

/**
 * The `auto` rule (docs/estimators.md, with the benchmark rows that justify it):
 * 1. both sides categorical → `discrete` (plug-in with Miller–Madow);
 * 2. one side categorical, the other continuous → `mixed` (Ross 2014);
 * 3. a side mixing categorical and continuous columns → `mixed` (Gao et al. 2017);
 * 4. continuous, dx + dy ≤ AUTO_MAX_KSG_DIM → `ksg` (k = 3) on copula-transformed data, with the
 *    Gaussian-copula estimate as a reference beside it;
 * 5. continuous, higher-dimensional → the neural `infonce` estimator (its Estimate carries the saturation
 *    check), with the Gaussian-copula reference; when `infonce` is not registered, the Gaussian-copula
 *    estimate itself, with a warning.
 *
 * @param available whether an estimator name is registered
 */
export function selectEstimator(profile: SampleProfile, available: (name: string) => boolean): EstimatorChoice {
  const { kindX, kindY, dx, dy } = profile;
  const copulaRef = { estimator: "gaussian", settings: { copula: true } };
  if (kindX === "discrete" && kindY === "discrete") {
    return {
      estimator: "discrete",
      settings: { correction: "miller-madow" },
      reason: "both sides categorical (integer-valued, few distinct values): plug-in MI with Miller–Madow correction",
    };
  }
  if ((kindX === "discrete" && kindY === "continuous") || (kindX === "continuous" && kindY === "discrete")) {
    return {
      estimator: "mixed",
      settings: { method: "ross" },
      reason: `${kindX === "discrete" ? "x" : "y"} categorical, ${kindX === "discrete" ? "y" : "x"} continuous: Ross (2014) nearest-neighbour estimator`,
    };
  }
  if (kindX === "mixed" || kindY === "mixed" || kindX === "discrete" || kindY === "discrete") {
    return {
      estimator: "mixed",
      settings: { method: "gao" },
      reason: "categorical and continuous columns mixed within a side: Gao et al. (2017) mixture estimator",
    };
  }
  if (dx + dy <= AUTO_MAX_KSG_DIM) {
    return {
      estimator: "ksg",
      settings: { copula: true, k: 3 },
      reason: `continuous, ${dx}+${dy} dimensions (≤ ${AUTO_MAX_KSG_DIM}): KSG (k = 3) on copula-transformed data; Gaussian-copula estimate as a reference`,
      reference: copulaRef,
    };
  }
  if (available(AUTO_NEURAL)) {
    return {
      estimator: AUTO_NEURAL,
      settings: {},
      reason: `continuous, ${dx}+${dy} dimensions (> ${AUTO_MAX_KSG_DIM}, where KSG is biased low): neural InfoNCE with a saturation check; Gaussian-copula estimate as a reference`,
      reference: copulaRef,
    };
  }
  return {
    estimator: "gaussian",
    settings: { copula: true },
    reason: `continuous, ${dx}+${dy} dimensions (> ${AUTO_MAX_KSG_DIM}): Gaussian-copula estimate (the neural estimator is not available)`,
    warning: `the neural estimator "${AUTO_NEURAL}" is not registered, so auto fell back to the Gaussian-copula estimate: exact when the dependence is Gaussian after the copula transform, otherwise only the MI of that Gaussian copula`,
  };
}

/** Settings auto decides itself; a caller's explicit value of one of these overrides the choice. */
const PASSED_THROUGH = [
  "seed",
  "onProgress",
  "stop",
  "replicates",
  "uncertainty",
  "k",
  "copula",
  "discrete",
  "discrete.x",
  "discrete.y",
  "maxCategories",
] as const;

/** The registry auto looks estimators up in: ESTIMATORS, imported lazily (it imports this module). */
async function defaultRegistry(): Promise<Readonly<Record<string, Estimator>>> {
  return (await import("./index.js")).ESTIMATORS;
}

/**
 * An `auto` estimator over a registry (tests pass their own, e.g. with a stand-in neural estimator);
 * `autoEstimator` uses ESTIMATORS.
 */
export function createAutoEstimator(
  registry: () => Promise<Readonly<Record<string, Estimator>>> = defaultRegistry,
): Estimator {
  return {
    name: "auto",
    kind: "classical",
    description:
      "Chooses the estimator from the data: discrete, mixed, KSG on copula data, or neural in high dimension",
    async estimate(sample: PairedSample, options: EstimateOptions = {}): Promise<Estimate> {
      const start = globalThis.performance.now();
      const ESTIMATORS = await registry();
      const profile = profileSample(sample, options);
      const choice = selectEstimator(profile, (name) => ESTIMATORS[name] !== undefined);
      const chosen = ESTIMATORS[choice.estimator] ?? (choice.estimator === "gaussian" ? gaussianEstimator : undefined);
      if (chosen === undefined) throw new Error(`auto chose ${choice.estimator}, which is not registered`);
      const passed: Record<string, unknown> = {};
      // A neural estimator gets only what every estimator understands; classical ones get the classical settings.
      const keys = chosen.kind === "neural" ? (["seed", "onProgress", "stop"] as const) : PASSED_THROUGH;
      for (const key of keys) if (options[key] !== undefined) passed[key] = options[key];
      const result = await chosen.estimate(sample, { ...choice.settings, ...passed });
      const warnings = [...result.warnings];
      if (choice.warning) warnings.push(choice.warning);
      let reference: Record<string, unknown> | undefined;
      if (choice.reference) {
        const refEstimator = ESTIMATORS[choice.reference.estimator] ?? gaussianEstimator;
        try {
          const r = await refEstimator.estimate(sample, { ...choice.reference.settings, seed: options.seed });
          reference = { estimator: "gaussian", copula: true, estimate: r.estimate, stderr: r.stderr, ci95: r.ci95 };
        } catch (e) {
          reference = { estimator: "gaussian", copula: true, error: (e as Error).message };
        }
      }
      if (result.saturated) {
        const ref =
          typeof reference?.estimate === "number"
            ? ` (Gaussian-copula reference: ${reference.estimate.toFixed(3)} nats)`
            : "";
        warnings.push(
          `saturated: the ${choice.estimator} estimate is limited by its evaluation batch (log K = ${result.logK?.toFixed(3)}), so the true MI may be larger${ref}; use more rows`,
        );
      }
      const settings = {
        ...result.settings,
        choice: choice.estimator,
        reason: choice.reason,
        dataKind: { x: profile.kindX, y: profile.kindY },
        ...(reference ? { reference } : {}),
      };
      if (result.estimator === "auto") return result;
      return {
        ...result,
        estimator: "auto",
        warnings,
        settings,
        seconds: (globalThis.performance.now() - start) / 1000,
      };
    },
  };
}

/** `auto` over ESTIMATORS. */
export const autoEstimator: Estimator = createAutoEstimator();
