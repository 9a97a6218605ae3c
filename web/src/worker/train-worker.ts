/// <reference lib="webworker" />
import type { FromWorker, RunConfig, ToWorker } from "../protocol.js";
import { buildTask } from "../task-catalog.js";
import { createTrainers } from "./create-trainers.js";
import { criticMapMessage, GRID, gridPoints, hasCriticMap, truthGrids } from "./critic-grid.js";
import { RunLoop } from "./run-loop.js";

/**
 * The training worker: builds the task and one trainer per estimator from the library, then runs them in
 * time slices (RunLoop) so the page stays responsive and pause/reset act within a slice.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
let runId = 0;
let loop: RunLoop | null = null;

/** A macrotask boundary, so queued messages (pause, reset) are handled between slices. */
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function post(message: FromWorker): void {
  scope.postMessage(message);
}

async function start(config: RunConfig): Promise<void> {
  loop?.stop();
  const id = ++runId;
  try {
    const task = buildTask(config.task);
    const { trainers, engine } = await createTrainers(config, task);
    if (id !== runId) return; // a reset or a newer start arrived while the engine loaded
    post({ type: "started", runId: id, engine, trueMI: task.trueMI, logK: Math.log(config.batchSize), config });
    // The critic map (1+1 Gaussian): the first estimator's critic on a grid, at most every 300 ms and at the end.
    const mapped = trainers[0];
    const truth = hasCriticMap(config.task) && mapped?.scoreGrid !== undefined ? truthGrids(config.task.rho) : null;
    const grid = gridPoints();
    let lastMap = Number.NEGATIVE_INFINITY;
    const postCriticMap = (step: number, force: boolean): void => {
      if (truth === null || mapped?.scoreGrid === undefined) return;
      if (!force && performance.now() - lastMap < 300) return;
      lastMap = performance.now();
      post(criticMapMessage(id, step, mapped.name, mapped.scoreGrid(grid, grid, GRID), truth));
    };
    loop = new RunLoop(trainers, {
      steps: config.steps,
      evalEvery: config.evalEvery,
      sliceMs: 40,
      now: () => performance.now(),
      yieldToEvents,
      onProgress: (points, step, stepsPerSecond) => {
        post({ type: "progress", runId: id, points, step, stepsPerSecond });
        if (points.length > 0) postCriticMap(step, false);
      },
      onDone: (step, stepsPerSecond) => {
        postCriticMap(step, true);
        post({ type: "done", runId: id, step, stepsPerSecond });
      },
      onPaused: (step) => post({ type: "paused", runId: id, step }),
      onError: (message) => post({ type: "error", runId: id, message }),
    });
    loop.start();
  } catch (error) {
    if (id === runId)
      post({ type: "error", runId: id, message: error instanceof Error ? error.message : String(error) });
  }
}

scope.addEventListener("message", (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case "start":
      void start(message.config);
      break;
    case "pause":
      loop?.pause();
      break;
    case "resume":
      loop?.start();
      break;
    case "reset":
      loop?.stop();
      loop = null;
      runId++;
      post({ type: "reset" });
      break;
  }
});
