import { InfonceError } from "../errors.js";

/** A slice of a ParameterBuffer: parameter values and their gradients, same length, views into the flat arrays. */
export interface ParameterSlice {
  readonly values: Float32Array;
  readonly grads: Float32Array;
}

/**
 * All trainable numbers of a model in one flat float32 array (and one for their gradients), handed out as
 * contiguous views. One flat array lets the optimizer update every parameter in a single kernel call, and makes
 * snapshots, comparisons and transfers to another engine a single copy.
 */
export class ParameterBuffer {
  readonly values: Float32Array;
  readonly grads: Float32Array;
  private used = 0;

  constructor(readonly size: number) {
    if (!(Number.isInteger(size) && size >= 0)) {
      throw new InfonceError("E_ARG", `parameter count must be an integer ≥ 0, got ${size}`);
    }
    this.values = new Float32Array(size);
    this.grads = new Float32Array(size);
  }

  /** The next n parameters (values and gradients). */
  take(n: number): ParameterSlice {
    if (this.used + n > this.size) {
      throw new InfonceError(
        "E_INTERNAL",
        `parameter buffer of ${this.size} has ${this.size - this.used} left, asked ${n}`,
      );
    }
    const slice = {
      values: this.values.subarray(this.used, this.used + n),
      grads: this.grads.subarray(this.used, this.used + n),
    };
    this.used += n;
    return slice;
  }

  /** Parameters not yet handed out (0 once a model is built). */
  get remaining(): number {
    return this.size - this.used;
  }
}
