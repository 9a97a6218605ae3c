import { InfonceError, isInfonceError } from "../errors.js";
import type { Estimate, EstimateOptions, Estimator, OptionsOfAny, PairedSample } from "../types.js";
import { candidateEstimators } from "./auto-choice.js";
import type { Companion, EstimatorChoice } from "./auto-companions.js";
import { type DataKind, profileSample } from "./auto-profile.js";
import { CATEGORICAL_SETTINGS } from "./categorical.js";
import { CLASSIFIER_SETTINGS } from "./classifier.js";
import { DISCRETE_SETTINGS } from "./discrete.js";
import { GAUSSIAN_SETTINGS, gaussianEstimator } from "./gaussian.js";
import { KNN_CLASSIFIER_SETTINGS } from "./knn-classifier.js";
import { KSG_SETTINGS } from "./ksg.js";
import { MIXED_SETTINGS } from "./mixed.js";
import { negativeIntervalWarning } from "./negative-interval.js";
import { NEURAL_SETTINGS } from "./neural-settings.js";
import { checkSettingsOfAny, mergeSettings, optionsFor } from "./read-settings.js";
import { REGRESSION_SETTINGS } from "./regression.js";

/**
 * The descriptors of the estimators auto may run: auto takes any of their settings and passes each estimator the
 * ones it has (ksg gets k, infonce gets maxSteps), so one set of options serves whichever is chosen.
 */
const AUTO_DESCRIPTORS = [
  KSG_SETTINGS,
  GAUSSIAN_SETTINGS,
  DISCRETE_SETTINGS,
  MIXED_SETTINGS,
  CLASSIFIER_SETTINGS,
  KNN_CLASSIFIER_SETTINGS,
  REGRESSION_SETTINGS,
  NEURAL_SETTINGS,
  CATEGORICAL_SETTINGS,
] as const;

/** auto's settings: those of every estimator it may run (the first descriptor's spec of each key, for listing). */
export const AUTO_SETTINGS = mergeSettings(AUTO_DESCRIPTORS);

/** The options of auto: any setting of the estimators it may run. */
export type AutoOptions = OptionsOfAny<(typeof AUTO_DESCRIPTORS)[number]>;

/** `Estimate.settings` of auto: the chosen estimator's, with what auto chose and why. */
export type AutoReportedSettings = Readonly<Record<string, unknown>> & {
  readonly choice: string;
  readonly reason: string;
  readonly dataKind: { readonly x: DataKind; readonly y: DataKind };
  /** The estimates run beside the chosen one (EstimatorChoice.companions); the one reported has `used: true`. */
  readonly companions?: readonly Readonly<Record<string, unknown>>[];
};

/** The options one estimator gets: auto's choice, overridden by every setting the caller gave explicitly. */
function passedTo(est: Estimator, choice: EstimatorChoice["settings"], options: EstimateOptions): EstimateOptions {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return optionsFor(est.settings, { ...choice, ...given });
}

/** The registry auto looks estimators up in: ESTIMATORS, imported lazily (it imports this module). */
async function defaultRegistry(): Promise<Readonly<Record<string, Estimator>>> {
  return (await import("./index.js")).ESTIMATORS;
}

function describe(e: unknown): string {
  if (isInfonceError(e)) return `${e.code}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

/** Whether an estimate has a 95% interval (not one held-out batch or too few rows for one). */
function hasInterval(e: Estimate): boolean {
  return Number.isFinite(e.ci95[0]) && Number.isFinite(e.ci95[1]);
}

/**
 * Whether nothing sets an estimate apart from 0: its interval reaches 0, or it has none (too few rows: UCI's
 * hdswis.data --y 10, 5 complete rows of 123, read −0.217 by Ross with no interval).
 */
function notApartFromZero(e: Estimate): boolean {
  return e.ci95[1] >= 0 || !hasInterval(e);
}

/** Why `result` cannot stand as auto's answer, or null when it can. */
function unusable(result: Estimate): string | null {
  if (!Number.isFinite(result.estimate)) return `it returned a non-finite estimate (${result.estimate})`;
  if (result.ci95[1] < 0) return negativeIntervalWarning(result.estimator, result.ci95);
  // Too few rows for an interval: a value below 0 then has nothing to show it consistent with 0, and MI is not
  // negative (a neural bound on 5 held-out rows read −2.78 on an 11-row table).
  if (!hasInterval(result) && result.estimate < 0) {
    return `it read ${result.estimate.toFixed(3)} nats, below 0, with too few rows for an interval (MI cannot be negative)`;
  }
  return null;
}

/**
 * An `auto` estimator over a registry (tests pass their own, e.g. with a stand-in neural estimator);
 * `autoEstimator` uses ESTIMATORS.
 */
export function createAutoEstimator(
  registry: () => Promise<Readonly<Record<string, Estimator>>> = defaultRegistry,
): Estimator<AutoOptions, AutoReportedSettings> {
  return {
    name: "auto",
    kind: "classical",
    settings: AUTO_SETTINGS,
    description:
      "Chooses the estimator from the data (discrete, classifier, mixed, KSG on copula data, or neural in high dimension); falls through when one refuses",
    async estimate(sample: PairedSample, options: AutoOptions = {}): Promise<Estimate<AutoReportedSettings>> {
      const start = globalThis.performance.now();
      checkSettingsOfAny("auto", AUTO_DESCRIPTORS, options);
      const ESTIMATORS = await registry();
      const profile = profileSample(sample, options);
      const candidates = candidateEstimators(profile, (name) => ESTIMATORS[name] !== undefined);
      const lookup = (name: string): Estimator | undefined =>
        ESTIMATORS[name] ?? (name === "gaussian" ? gaussianEstimator : undefined);
      const fallbacks: { estimator: string; reason: string }[] = [];
      const warnings: string[] = [];
      let result: Estimate | undefined;
      let choice: EstimatorChoice | undefined;
      // Of the estimates that stood only for being below 0, the highest: reported when no candidate does better. Not
      // the first tried: on ISLR/NCI60.csv (64 rows, 6,829 gene columns against the last) InfoNCE's bound on one
      // batch of 32 rows read −13.0 [−24.9, −1.2], and the regression bound after it −0.067 [−0.172, 0.038].
      let belowZero: { r: Estimate; candidate: EstimatorChoice } | undefined;
      for (const candidate of candidates) {
        const est = lookup(candidate.estimator);
        if (est === undefined) continue;
        let r: Estimate;
        try {
          r = await est.estimate(sample, passedTo(est, candidate.settings, options));
        } catch (e) {
          // A bad setting is the caller's to fix; anything else is this estimator refusing this table.
          if (isInfonceError(e) && e.code === "E_ARG") throw e;
          fallbacks.push({ estimator: candidate.estimator, reason: describe(e) });
          continue;
        }
        const why = r.partial
          ? null
          : (unusable(r) ??
            (candidate.fallThroughBelowZero === true && r.estimate < 0
              ? `it read ${r.estimate.toFixed(3)} nats, below 0: a bound below 0 says only that MI ≥ 0`
              : null));
        if (why !== null) {
          fallbacks.push({ estimator: candidate.estimator, reason: why });
          if (Number.isFinite(r.estimate) && !(belowZero !== undefined && belowZero.r.estimate >= r.estimate)) {
            belowZero = { r, candidate };
          }
          continue;
        }
        result = r;
        choice = candidate;
        break;
      }
      const allBelowZero = (result === undefined || choice === undefined) && belowZero !== undefined;
      if (allBelowZero && belowZero !== undefined) {
        // An estimator unbiased at independence (the Gaussian-copula estimate) reads wholly below 0 in a few samples
        // in a hundred of independent data, and InfoNCE's held-out bound below 0 as well: a valid table, whose
        // answer is "no dependence seen", not a refusal (independent 20+20, 1,000 rows: −0.032 [−0.060, −0.004]).
        result = belowZero.r;
        choice = belowZero.candidate;
        const reported = belowZero.candidate.estimator;
        fallbacks.splice(
          fallbacks.findIndex((f) => f.estimator === reported),
          1,
        );
        warnings.push(
          notApartFromZero(belowZero.r)
            ? `every estimate read below 0: the table shows no dependence these estimators can see; ${reported}'s, the highest, is reported`
            : `no estimate's interval reached 0 (MI cannot be negative): the table shows no dependence these estimators can see; ${reported}'s, the highest, is reported`,
        );
      }
      if (result === undefined || choice === undefined) {
        throw new InfonceError(
          "E_DATA",
          `auto: every suitable estimator refused this table (${fallbacks.map((f) => `${f.estimator}: ${f.reason}`).join("; ")}); check the columns chosen for x and y`,
        );
      }
      for (const f of fallbacks) {
        warnings.push(
          `fallback: ${f.estimator} gave no usable estimate (${f.reason})${allBelowZero ? "" : `; auto moved on to ${choice.estimator}`}`,
        );
      }
      if (choice.warning) warnings.push(choice.warning);
      const companions: Record<string, unknown>[] = [];
      let reported = result;
      let used: { index: number; rule: Companion["rule"] } | undefined;
      for (const spec of result.partial ? [] : (choice.companions ?? [])) {
        if (spec.minEstimate !== undefined && !(result.estimate >= spec.minEstimate)) continue;
        const ceiling = spec.rule === "within-ceiling" ? null : reachedCeiling(reported);
        if (ceiling !== null) {
          companions.push({ estimator: spec.estimator, ...spec.settings, skipped: ceiling });
          continue;
        }
        const c = await runBeside(lookup, spec, sample, options);
        companions.push(c.summary);
        if (c.estimate !== undefined && reportsCompanion(spec.rule, c.estimate, result, reported)) {
          reported = c.estimate;
          used = { index: companions.length - 1, rule: spec.rule };
        }
      }
      if (used !== undefined) {
        // What it replaced: the classifier's bound, or the chosen estimate a larger bound outranked — with the
        // warnings that were about it alone (its batch size, its split): they are kept there, in the JSON, and not
        // listed among the reported estimate's warnings, where they read as if about the number shown.
        const replacedKey = used.rule === "within-ceiling" ? "bound" : "replaced";
        const own = result.warnings.filter((w) => !reported.warnings.includes(w));
        const replaced = { ...summarize(result), ...(own.length > 0 ? { warnings: own } : {}) };
        companions[used.index] = { ...companions[used.index], [replacedKey]: replaced, used: true };
      }
      warnings.push(...reported.warnings);
      const reference = choice.reference
        ? (await runBeside(lookup, choice.reference, sample, { seed: options.seed })).summary
        : undefined;
      // A saturated KSG estimate says so in its own warning; InfoNCE's is about its batch, named here with the reference.
      if (reported.saturated && reported.logK !== null) {
        const ref =
          typeof reference?.estimate === "number"
            ? ` (Gaussian-copula reference: ${reference.estimate.toFixed(3)} nats)`
            : "";
        warnings.push(
          `saturated: the ${reported.estimator} estimate is limited by its evaluation batch (log K = ${reported.logK.toFixed(3)}), so the true MI may be larger${ref}; use more rows`,
        );
      }
      const reason =
        reported === result
          ? choice.reason
          : used?.rule === "larger-bound"
            ? `${choice.reason}; the ${reported.estimator} bound (${reported.estimate.toFixed(3)}) exceeds the ${result.estimator} estimate (${result.estimate.toFixed(3)}), and MI is at least a held-out bound, so it is reported`
            : used?.rule === "clearly-larger-bound"
              ? `${choice.reason}; the ${reported.estimator} bound's whole 95% interval (from ${reported.ci95[0].toFixed(3)}) lies above the ${result.estimator} estimate (${result.estimate.toFixed(3)}): the dependence is not what that estimate assumes, and MI is at least a held-out bound, so the bound is reported`
              : `${choice.reason}; the ${reported.estimator} estimate lies between the classifier bound and H(Y), so it is reported`;
      const settings = {
        ...reported.settings,
        choice: reported.estimator,
        reason,
        dataKind: { x: profile.kindX, y: profile.kindY },
        ...(fallbacks.length > 0 ? { fallbacks } : {}),
        ...(companions.length > 0 ? { companions } : {}),
        ...(reference ? { reference } : {}),
      };
      if (reported.estimator === "auto") return reported as Estimate<AutoReportedSettings>;
      const floored = reported.estimate < 0 && notApartFromZero(reported);
      if (floored) warnings.push(flooredWarning(reported));
      return {
        ...reported,
        ...(floored ? { estimate: 0, estimateBits: 0 } : {}),
        estimator: "auto",
        warnings,
        settings: floored ? { ...settings, belowZero: reported.estimate } : settings,
        seconds: (globalThis.performance.now() - start) / 1000,
      };
    },
  };
}

/**
 * auto's answer where the estimate it stands by reads below 0 but its interval reaches 0: MI is never negative, so
 * 0 is nearer the truth than any negative value (the projection onto what MI can be, as scikit-learn's
 * mutual_info_* clip), and the interval is kept as measured. Where the whole interval lies below 0 the value is a
 * diagnosis and stays as it is. Rdatasets' vcd/BrokenMarriage.csv --y broken (20 rows of a frequency table): the
 * classifier read −0.580 [−1.700, 0.540].
 */
function flooredWarning(r: Estimate): string {
  const [lo, hi] = r.ci95;
  const read = hasInterval(r)
    ? `${r.estimate.toFixed(3)} nats [${lo.toFixed(3)}, ${hi.toFixed(3)}]: MI is never negative and the interval reaches 0`
    : `${r.estimate.toFixed(3)} nats with too few rows for an interval: MI is never negative and nothing shows the value apart from 0`;
  return `${r.estimator} read ${read}, so 0 is reported (no dependence shown; the value read is settings.belowZero)`;
}

/**
 * Whether an estimate run beside the chosen one (`companion`) is reported instead of the best so far (`best`, at
 * first the chosen estimate `chosen`), by its rule (Companion): within [chosen bound, H(Y)], or larger than the best
 * so far and 0; never when partial or its whole interval lies below 0, nor a bound with no interval where the best
 * so far has one.
 */
function reportsCompanion(rule: Companion["rule"], companion: Estimate, chosen: Estimate, best: Estimate): boolean {
  if (companion.partial || unusable(companion) !== null) return false;
  // Nor a bound with no interval in place of an estimate with one: on one held-out batch a bound is optimistic by up
  // to a standard error (its own warning says so), and reported it would drop the interval the table allows
  // (modeldata/crickets.csv --y rate, 31 rows: InfoNCE's 1.390 on 15 rows replaced Gao's 1.121 [0.867, 1.376];
  // the regression bound beside read 1.357 [1.075, 1.639]). A nearest-neighbour estimate within the classifier's
  // ceiling has no interval only when asked for none (replicates: 0), and stays as it was.
  if (rule !== "within-ceiling" && !hasInterval(companion) && hasInterval(best)) return false;
  // Above 0 too: a bound of exactly 0 (the marginal model won every fold) says nothing the chosen estimate's
  // interval around 0 does not, and its interval [0, 0] would claim a certainty it does not have.
  // Nor above the chosen classifier's ceiling H(Y), where MI cannot be (the regression bound beside it, read on the
  // label's values as numbers, is optimistic by its noise).
  const ceiling = Number(chosen.settings.labelEntropy ?? Number.POSITIVE_INFINITY);
  if (rule === "larger-bound") return companion.estimate > Math.max(best.estimate, 0) && companion.estimate <= ceiling;
  if (rule === "clearly-larger-bound") return companion.ci95[0] > Math.max(best.estimate, 0);
  const within = companion.estimate >= chosen.estimate && companion.estimate <= Number(chosen.settings.labelEntropy);
  return within && (best === chosen || companion.estimate > best.estimate);
}

function summarize(r: Estimate): Record<string, unknown> {
  return { estimator: r.estimator, estimate: r.estimate, stderr: r.stderr, ci95: r.ci95, ...pick(r.settings) };
}

function pick(settings: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return settings.copula === true ? { copula: true } : settings.method ? { method: settings.method } : {};
}

/**
 * Why a bound beside `r` cannot be reported, when r's estimate is within its standard error of its ceiling H of the
 * label (settings.labelEntropy): I(X;Y) ≤ H(Y), so no bound can exceed r by more than noise. Else null.
 * ratdat/complete.csv --y plot_type (a property of plot_id): knn-classifier read 1.4368 ± 0.0035 of H = 1.4377 in a few
 * seconds, and the softmax classifier beside it ran 100 s to read 1.031.
 */
function reachedCeiling(r: Estimate): string | null {
  const h = r.settings.labelEntropy;
  if (typeof h !== "number" || !(h - r.estimate <= r.stderr)) return null;
  return `not run: ${r.estimator} read ${r.estimate.toFixed(4)}, within its standard error (${r.stderr.toFixed(4)}) of H = ${h.toFixed(4)} of the label, which no bound exceeds`;
}

/** Runs an estimate shown beside the chosen one; its failure is reported in the summary, never thrown. */
async function runBeside(
  lookup: (name: string) => Estimator | undefined,
  spec: { readonly estimator: string; readonly settings: Readonly<Record<string, unknown>> },
  sample: PairedSample,
  options: EstimateOptions,
): Promise<{ summary: Record<string, unknown>; estimate?: Estimate }> {
  const est = lookup(spec.estimator);
  const base = { estimator: spec.estimator, ...spec.settings };
  if (est === undefined) return { summary: { ...base, error: "not registered" } };
  try {
    // As for the chosen estimator: the caller's explicit settings override auto's (a reference is given none).
    const r = await est.estimate(sample, passedTo(est, spec.settings, options));
    return { summary: { ...base, estimate: r.estimate, stderr: r.stderr, ci95: r.ci95 }, estimate: r };
  } catch (e) {
    return { summary: { ...base, error: describe(e) } };
  }
}

/** `auto` over ESTIMATORS. */
export const autoEstimator: Estimator<AutoOptions, AutoReportedSettings> = createAutoEstimator();
