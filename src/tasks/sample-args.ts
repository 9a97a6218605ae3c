import { InfonceError } from "../errors.js";
import type { Matrix } from "../types.js";

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
