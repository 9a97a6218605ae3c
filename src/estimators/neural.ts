import type { BoundName, Estimate, EstimateOptions, Estimator, PairedSample } from "../types.js";
import type { StopReason } from "./neural-result.js";
import { NeuralTrainer } from "./neural-trainer.js";

/** Wall clock in ms, in browsers, workers and Node alike. */
const now = (): number => globalThis.performance.now();

/** Lets pending events (a Ctrl-C handler, a worker's stop message) run: one macrotask turn. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

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
  options: EstimateOptions = {},
  estimatorName: string = bound,
): Promise<Estimate> {
  const t0 = now();
  const trainer = NeuralTrainer.create(sample, { ...options, bound });
  const { maxSteps, evalEvery } = trainer.settings;
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
  return trainer.result(final, { seconds: (now() - t0) / 1000, stopReason, estimator: estimatorName });
}

function neuralEstimator(name: string, bound: BoundName, description: string): Estimator {
  return {
    name,
    kind: "neural",
    description,
    estimate: (sample, options) => estimateNeural(sample, bound, options, name),
  };
}

export const infonceEstimator = neuralEstimator(
  "infonce",
  "infonce",
  "InfoNCE (van den Oord 2018): trained critic, low variance, never above log K of the batch",
);
export const nwjEstimator = neuralEstimator(
  "nwj",
  "nwj",
  "NWJ (Nguyen, Wainwright, Jordan 2010): unbiased on a batch, variance grows like e^I",
);
export const dvEstimator = neuralEstimator("dv", "dv", "Donsker–Varadhan bound with a trained critic");
export const mineEstimator = neuralEstimator(
  "mine",
  "mine",
  "MINE (Belghazi 2018): the DV bound trained with a moving-average gradient",
);
export const jsEstimator = neuralEstimator(
  "js",
  "js",
  "Jensen–Shannon-trained critic evaluated with NWJ on f + 1 (Hjelm 2019; Poole 2019)",
);
export const smileEstimator = neuralEstimator(
  "smile",
  "smile",
  "SMILE(τ) (Song & Ermon 2020): JS-trained critic, DV estimate with scores clipped to ±τ (default τ = 5)",
);
export const alphaEstimator = neuralEstimator(
  "alpha",
  "alpha",
  "Poole et al.'s I_α: interpolates InfoNCE (α = 0) and NWJ (α = 1); default α = 0.5",
);
