import { InfonceError } from "../errors.js";
import type { Matrix } from "../types.js";
import { checkEmbeddings } from "./embeddings.js";

/**
 * A MoCo-style queue of negative keys (He et al. 2020): a first-in-first-out ring of `capacity` rows of width
 * `dim`. After each step the batch's keys are enqueued and the oldest drop out; infonceLoss({ queue }) uses the
 * current rows as unpaired negatives, so log K counts them. The stored keys are copies (MoCo does not
 * back-propagate into the queue).
 */
export class NegativeQueue {
  readonly capacity: number;
  readonly dim: number;
  private readonly data: Float64Array;
  private next = 0;
  private filled = 0;

  constructor(capacity: number, dim: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1 && Number.isInteger(dim) && dim >= 1)) {
      throw new InfonceError(
        "E_ARG",
        `NegativeQueue: capacity = ${capacity}, dim = ${dim}; both must be integers ≥ 1 (MoCo uses 65,536 × 128)`,
      );
    }
    this.capacity = capacity;
    this.dim = dim;
    this.data = new Float64Array(capacity * dim);
  }

  /** Rows held now (≤ capacity). */
  get size(): number {
    return this.filled;
  }

  /** Appends the rows of `keys` (n×dim), overwriting the oldest once full. */
  enqueue(keys: Matrix): void {
    checkEmbeddings(keys, "keys", "NegativeQueue.enqueue");
    if (keys.cols !== this.dim) {
      throw new InfonceError(
        "E_SHAPE",
        `NegativeQueue.enqueue: keys are ${keys.rows}×${keys.cols} but the queue holds rows of width ${this.dim}`,
      );
    }
    for (let r = 0; r < keys.rows; r++) {
      for (let d = 0; d < this.dim; d++) this.data[this.next * this.dim + d] = keys.data[r * this.dim + d] as number;
      this.next = (this.next + 1) % this.capacity;
      if (this.filled < this.capacity) this.filled++;
    }
  }

  /** The rows held, oldest first, as a new size×dim matrix. E_DATA when empty (there would be no negatives). */
  negatives(fn = "NegativeQueue.negatives"): Matrix<Float64Array> {
    if (this.filled === 0) {
      throw new InfonceError("E_DATA", `${fn}: the negative queue is empty; enqueue a batch of keys first`);
    }
    const out = new Float64Array(this.filled * this.dim);
    const start = this.filled < this.capacity ? 0 : this.next;
    for (let r = 0; r < this.filled; r++) {
      const src = ((start + r) % this.capacity) * this.dim;
      out.set(this.data.subarray(src, src + this.dim), r * this.dim);
    }
    return { rows: this.filled, cols: this.dim, data: out };
  }
}
