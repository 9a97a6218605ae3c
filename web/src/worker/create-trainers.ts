import { NeuralTrainer } from "../../../src/estimators/neural-trainer.js";
import type { BoundName, Task } from "../../../src/index.js";
import { setKernel } from "../../../src/linalg/engine.js";
import type { LoadedEngine } from "../../../src/linalg/engine-report.js";
import { loadBrowserEngine } from "../../../src/linalg/load-engine-browser.js";
import type { RunConfig } from "../protocol.js";
import { hasCriticMap } from "./critic-grid.js";
import type { SteppedTrainer } from "./run-loop.js";

/** Training rows: enough that a few thousand steps of K = 64 see each pair only a few dozen times. */
const TRAIN_ROWS = 16_384;
/** Held-out batches of K averaged per evaluation: the estimate's noise shrinks like 1/√16. */
const HELD_OUT_BATCHES = 16;

const engines = new Map<RunConfig["engine"], Promise<LoadedEngine>>();

/**
 * Installs the kernel trainers will use, through the library's browser loader: WebAssembly SIMD with the
 * TypeScript kernel as fallback ("auto"), or TypeScript when forced. Each engine loads once per worker. Returns
 * the engine's name, with the reason when wasm was wanted but could not load.
 */
async function installEngine(preference: RunConfig["engine"]): Promise<string> {
  let loading = engines.get(preference);
  if (loading === undefined) {
    loading = loadBrowserEngine({ engine: preference, install: false });
    engines.set(preference, loading);
  }
  const loaded = await loading;
  setKernel(loaded.kernel);
  const skipped = loaded.skipped.map((s) => `${s.engine} unavailable: ${s.reason}`).join("; ");
  return skipped === "" ? loaded.engine : `${loaded.engine} (${skipped})`;
}

/**
 * One library NeuralTrainer per chosen estimator, all on the same sample of the task (same seed, so the same
 * split and batches): the curves differ only by the bound. The worker never sees the true MI in training; it only
 * reports task.trueMI to the page for the reference line.
 */
export async function createTrainers(
  config: RunConfig,
  task: Task,
): Promise<{ trainers: SteppedTrainer[]; engine: string }> {
  const engine = await installEngine(config.engine);
  const nTest = HELD_OUT_BATCHES * config.batchSize;
  const nTrain = Math.max(TRAIN_ROWS, 32 * config.batchSize);
  const sample = task.sample(nTrain + nTest, config.seed);
  const trainers = config.estimators.map((name): SteppedTrainer => {
    const trainer = NeuralTrainer.create(sample, {
      bound: name as BoundName,
      critic: config.critic,
      hidden: [config.hidden, config.hidden],
      batchSize: config.batchSize,
      // The playground draws log K of the training batch as the ceiling, so it evaluates on batches of that K.
      evalBatchSize: config.batchSize,
      lr: config.learningRate,
      trainFraction: nTrain / (nTrain + nTest),
      // The critic map evaluates the critic at grid points in the data's own units. The 1+1 Gaussian's marginals
      // are N(0, 1) by construction, so standardising would be the identity in law; skipping it there lets the
      // map read f at exact (x, y) instead of at the training split's sample mean and sd.
      standardize: !hasCriticMap(config.task),
      seed: config.seed,
    });
    return {
      name,
      step: () => trainer.step(1),
      evaluate: () => trainer.evaluate().mean,
      scoreGrid: (x, y, n) => trainer.critic.scores(x, y, n),
    };
  });
  return { trainers, engine };
}
