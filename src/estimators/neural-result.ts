import { boundSpec } from "../bounds/registry.js";
import { SLOW_ENGINE_WARNING } from "../linalg/engine.js";
import type { CurvePoint, Estimate, ReportedSettings } from "../types.js";
import type { CeilingFreeReadout } from "./ceiling-free-readout.js";
import type { HeldOutEvaluation } from "./held-out-evaluation.js";
import { SATURATION_RISE } from "./infonce-saturation.js";
import type { NEURAL_SETTINGS, NeuralSettings } from "./neural-settings.js";

/** Why training ended. */
export type StopReason = "maxSteps" | "plateau" | "stopped" | "running";

/** `Estimate.settings` of a neural estimator: every setting used, and what the run did. */
export type NeuralReportedSettings = ReportedSettings<Omit<typeof NEURAL_SETTINGS, "critic">> & {
  /** The critic trained: its kind (the `critic` setting) and shape. */
  readonly critic: Readonly<Record<string, unknown>>;
  readonly bound: string;
  readonly seed: number;
  readonly steps: number;
  readonly stopReason: StopReason;
  /** The numeric engine the critic trained on ("ts" is the slow pure-TypeScript one). */
  readonly engine: string;
  readonly nTrain: number;
  readonly nTest: number;
  readonly batchSizeUsed: number;
  readonly evalBatchSizeUsed: number;
  readonly evalEveryUsed: number;
};

/** What a training run knows at its end, besides the final held-out evaluation. */
export interface NeuralRun {
  readonly settings: NeuralSettings;
  /** Warnings gathered while preparing the data and the batches. */
  readonly warnings: readonly string[];
  /** Training batch size used. */
  readonly k: number;
  /** Steps between held-out evaluations used. */
  readonly evalEvery: number;
  readonly nTrain: number;
  readonly nTest: number;
  readonly validationBatches: number;
  readonly separateValidation: boolean;
  readonly checkpointStep: number;
  readonly lrDecaysTaken: number;
  readonly steps: number;
  readonly engine: string;
  readonly critic: Readonly<Record<string, unknown>>;
  readonly curve: CurvePoint[];
  readonly seconds: number;
  readonly stopReason: StopReason;
  readonly estimator: string;
  /** When the InfoNCE estimate saturated: a read-out of the same critic without the log K ceiling. */
  readonly ceilingFree?: CeilingFreeReadout;
  /** True when training ran on the pure-TypeScript engine without anyone choosing it: the estimate says so. */
  readonly slowEngine?: boolean;
}

/** The warning of a run on the pure-TypeScript engine nobody chose (the numbers are the same, only slower). */
/** Whether a held-out InfoNCE-type evaluation is limited by its batch: near log K, or still rising when K doubles. */
export function batchSaturation(ev: HeldOutEvaluation, bound: string): { nearCeiling: boolean; rising: boolean } {
  const isNce = boundSpec(bound).cappedByLogK;
  return {
    nearCeiling: isNce && ev.mean >= 0.95 * Math.log(ev.k),
    rising: isNce && ev.risePerDoubling >= SATURATION_RISE,
  };
}

/**
 * The Estimate of a neural run from the held-out evaluation of its final critic: the InfoNCE saturation diagnosis
 * (near log K, or still rising when K doubles) and the partial-run flag become warnings; every setting used is
 * reported back.
 */
export function neuralResult(ev: HeldOutEvaluation, run: NeuralRun): Estimate<NeuralReportedSettings> {
  const s = run.settings;
  const { boundParams, ...plainSettings } = s;
  const warnings = [...run.warnings];
  const isNce = boundSpec(s.bound).cappedByLogK;
  const logK = Math.log(ev.k);
  const { nearCeiling, rising } = batchSaturation(ev, s.bound);
  const saturated = nearCeiling || rising;
  if (saturated) {
    const why = nearCeiling
      ? `it is within 5% of its ceiling log K = ${logK.toFixed(3)} nats (K = ${ev.k} held-out pairs per batch)`
      : `it is still climbing with K: on the held-out pairs it rises by ${(ev.risePerDoubling * Math.LN2).toFixed(3)} ` +
        `nats when the candidates double from ${Math.floor(ev.k / 2)} to ${ev.k} (a converged bound rises by ≈ 0, ` +
        `a saturated one by log 2 = 0.693)`;
    warnings.push(
      `The InfoNCE estimate ${ev.mean.toFixed(3)} nats is limited by the batch, not by the data: ${why}. The true ` +
        `MI is probably well above it. InfoNCE can never exceed log K = ${logK.toFixed(3)}; use more rows ` +
        "(K ≳ e^I), or a bound without this ceiling (smile, nwj), and compare.",
    );
  }
  const cf = saturated ? run.ceilingFree : undefined;
  if (cf !== undefined) {
    warnings.push(
      `beside it, not instead of it: a read-out of the same critic without the log K ceiling (the positive left out ` +
        `of each row's normaliser) gives ${cf.estimate.toFixed(3)} nats [${cf.ci95[0].toFixed(3)}, ${cf.ci95[1].toFixed(3)}]; ` +
        "for a good critic it errs high as InfoNCE errs low, so the two bracket the MI (settings.ceilingFree says how it is made)",
    );
  }
  if (run.slowEngine === true) warnings.push(SLOW_ENGINE_WARNING);
  if (run.stopReason === "stopped") warnings.push(`stopped after ${run.steps} steps: this is the estimate so far`);
  if (!Number.isFinite(ev.mean)) warnings.push(`the held-out estimate is ${ev.mean}; the critic's scores overflowed`);
  return {
    estimator: run.estimator,
    estimate: ev.mean,
    estimateBits: ev.mean / Math.LN2,
    stderr: ev.stderr,
    ci95: ev.ci95,
    n: run.nTrain + run.nTest,
    logK: isNce ? logK : null,
    saturated,
    warnings,
    seconds: run.seconds,
    // The bound parameters come flat from the registry (tau, alpha, mineMomentum): their keys are NEURAL_SETTINGS'.
    settings: {
      ...plainSettings,
      ...boundParams, // flat, as the options name them (tau, alpha, mineMomentum)
      hidden: [...s.hidden],
      batchSizeUsed: run.k,
      evalBatchSizeUsed: ev.k,
      evalEveryUsed: run.evalEvery,
      risePerDoubling: ev.risePerDoubling,
      nTrain: run.nTrain,
      nTest: run.nTest,
      heldOutBatches: ev.batches,
      validationBatches: run.validationBatches,
      separateValidation: run.separateValidation,
      checkpointStep: run.checkpointStep,
      lrDecaysTaken: run.lrDecaysTaken,
      steps: run.steps,
      stopReason: run.stopReason,
      engine: run.engine,
      critic: run.critic,
      ...(cf === undefined ? {} : { ceilingFree: cf }),
    },
    ...(run.stopReason === "stopped" ? { partial: true } : {}),
    curve: run.curve,
  };
}
