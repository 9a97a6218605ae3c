import { InfonceError } from "../errors.js";
import { createRng, type Rng } from "../math/rng.js";
import type { Matrix, PairedSample } from "../types.js";

/** Validates the arguments of `Task.sample(n, seed)`: n a positive integer, seed a finite number. */
export function checkSampleArgs(task: string, n: number, seed: number): void {
  if (!(Number.isInteger(n) && n >= 1)) {
    throw new InfonceError("E_ARG", `task '${task}': sample size n must be an integer ≥ 1, got ${n}`);
  }
  if (!Number.isFinite(seed)) {
    throw new InfonceError("E_ARG", `task '${task}': seed must be a finite number, got ${seed}`);
  }
}

/** A zero-filled row-major n×cols float64 matrix. */
export function zeroMatrix(rows: number, cols: number): Matrix<Float64Array> {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/**
 * Task.sample of a synthetic task: checks (n, seed), allocates the n×dimX and n×dimY matrices and lets `fill` write
 * their data from createRng(seed), the steps every such task shares.
 */
export function rngSampler(
  name: string,
  dimX: number,
  dimY: number,
  fill: (rng: Rng, n: number, x: Float64Array, y: Float64Array) => void,
): (n: number, seed: number) => PairedSample {
  return (n, seed) => {
    checkSampleArgs(name, n, seed);
    const x = zeroMatrix(n, dimX);
    const y = zeroMatrix(n, dimY);
    fill(createRng(seed), n, x.data, y.data);
    return { x, y };
  };
}
