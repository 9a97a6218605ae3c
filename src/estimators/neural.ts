import { BOUNDS, type RegisteredBound } from "../bounds/registry.js";
import { engineForRun } from "../linalg/engine.js";
import type { BoundName, Estimate, Estimator, PairedSample } from "../types.js";
import { yieldToEventLoop } from "../yield-to-event-loop.js";
import type { NeuralReportedSettings, StopReason } from "./neural-result.js";
import { NEURAL_SETTINGS, type NeuralOptions } from "./neural-settings.js";
import { NeuralTrainer } from "./neural-trainer.js";

/** Wall clock in ms, in browsers, workers and Node alike. */
const now = (): number => globalThis.performance.now();

/** How long training may run without yielding to the event loop. */
const YIELD_EVERY_MS = 50;

/**
 * Estimates I(X;Y) with a trained critic and the bound `bound` (see NeuralTrainer for the protocol and
 * neural-settings.ts for every option and its default). Trains until maxSteps, or until the held-out estimate has
 * not improved by more than minDelta for `patience` evaluations, or until `options.stop.stopped` (then the result
 * is marked partial). The estimate is the final critic's held-out mean, never the best of the evaluations (picking
 * the best would bias it upwards).
 */
export async function estimateNeural(
  sample: PairedSample,
  bound: BoundName,
  options: NeuralOptions = {},
  estimatorName: string = bound,
): Promise<Estimate<NeuralReportedSettings>> {
  const t0 = now();
  // The process-wide engine, loaded on first use where the entry registered a loader (the node entry does).
  const { kernel, slowEngine } = await engineForRun(options.kernel);
  const trainer = NeuralTrainer.create(sample, { ...options, bound, kernel });
  const { maxSteps } = trainer.settings;
  const { evalEvery } = trainer;
  let stopReason: StopReason = "maxSteps";
  let lastYield = now();
  while (trainer.steps < maxSteps) {
    if (options.stop?.stopped) {
      stopReason = "stopped";
      break;
    }
    trainer.step(1);
    if (trainer.steps % evalEvery === 0) {
      trainer.evaluateAndRecord();
      if (trainer.plateaued && !trainer.decayOnPlateau()) {
        stopReason = "plateau";
        break;
      }
    }
    options.onProgress?.(trainer.steps, maxSteps, "training");
    if (now() - lastYield > YIELD_EVERY_MS) {
      await yieldToEventLoop();
      lastYield = now();
    }
  }
  if (options.stop?.stopped && stopReason === "maxSteps" && trainer.steps < maxSteps) stopReason = "stopped";
  // Early stopping: report the critic of the best validation evaluation, measured on the test batches.
  if (stopReason !== "stopped") trainer.restoreBest();
  const final = trainer.evaluate();
  return trainer.result(final, { seconds: (now() - t0) / 1000, stopReason, estimator: estimatorName, slowEngine });
}

/** A neural estimator: typed options (NEURAL_SETTINGS) and typed settings on its estimate. */
export type NeuralEstimator = Estimator<NeuralOptions, NeuralReportedSettings>;

/**
 * One neural estimator per registered bound (src/bounds/registry.ts), named after it: a new bound is an estimator
 * without further code. The description is the bound's, with its parameter's default.
 */
export const NEURAL_ESTIMATORS: readonly NeuralEstimator[] = BOUNDS.map((spec): NeuralEstimator => {
  const p = spec.param;
  return {
    name: spec.name,
    kind: "neural",
    description: p === undefined ? spec.description : `${spec.description}; default ${p.symbol} = ${p.default}`,
    settings: NEURAL_SETTINGS,
    estimate: (sample, options) => estimateNeural(sample, spec.name, options, spec.name),
  };
});

/** The neural estimators by bound name. */
export const NEURAL_BY_NAME = Object.fromEntries(NEURAL_ESTIMATORS.map((e) => [e.name, e])) as Readonly<
  Record<RegisteredBound, NeuralEstimator>
>;
