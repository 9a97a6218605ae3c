import { gaussianTheoryLaw } from "../../../src/index.js";
import type { CriticMapMessage, TaskChoice } from "../protocol.js";

/** Grid of the critic map: GRID × GRID points on [−EXTENT, EXTENT]² (±3 sd of the 1+1 Gaussian's marginals). */
export const GRID = 41;
export const EXTENT = 3;

/** The critic map is drawn for the 1+1-dimensional Gaussian, where x and y are numbers a grid can span. */
export function hasCriticMap(task: TaskChoice): task is { kind: "gaussian"; dim: 1; rho: number } {
  return task.kind === "gaussian" && task.dim === 1;
}

/** The grid's coordinates, float32 as the critic takes them. */
export function gridPoints(): Float32Array {
  return Float32Array.from({ length: GRID }, (_, i) => -EXTENT + (2 * EXTENT * i) / (GRID - 1));
}

/** The exact pmi(x, y) and log p(x, y) on the grid (row i = x_i, column j = y_j), from the library's theory law. */
export function truthGrids(rho: number): { pmi: number[]; logJoint: number[] } {
  const law = gaussianTheoryLaw({ name: "map", description: "", rho, d: 1 });
  const xs = gridPoints();
  const pmi: number[] = [];
  const logJoint: number[] = [];
  for (const x of xs) {
    for (const y of xs) {
      pmi.push(law.pmi([x], [y]));
      logJoint.push(law.logJoint([x], [y]));
    }
  }
  return { pmi, logJoint };
}

/** The message with the trained critic's values on the grid (S[i*GRID + j] = f(x_i, y_j)). */
export function criticMapMessage(
  runId: number,
  step: number,
  estimator: string,
  scores: Float32Array,
  truth: { pmi: number[]; logJoint: number[] },
): CriticMapMessage {
  return {
    type: "critic-map",
    runId,
    step,
    estimator,
    size: GRID,
    extent: EXTENT,
    critic: Array.from(scores),
    ...truth,
  };
}
