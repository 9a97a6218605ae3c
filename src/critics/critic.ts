import type { ParameterBuffer } from "../nn/parameter-buffer.js";

/**
 * A trainable critic f(x, y) evaluated on a batch: maps x (K×dimX) and y (K×dimY), float32 row-major, to the K×K
 * score matrix S[i*K + j] = f(x_i, y_j) (docs/bounds.md), and back-propagates ∂L/∂S into its parameters.
 */
export interface Critic {
  readonly kind: "separable" | "concat";
  readonly dimX: number;
  readonly dimY: number;
  /** Every trainable number, in one flat buffer (values and gradients). */
  readonly parameters: ParameterBuffer;
  /** S (K×K) for the batch; the returned buffer is the critic's own, valid until the next call. */
  scores(x: Float32Array, y: Float32Array, k: number): Float32Array;
  /** Given ∂L/∂S (K×K) for the last scores() call, overwrites parameters.grads with ∂L/∂θ. */
  backward(gradS: Float32Array): void;
  /** Called after every optimizer step (e.g. to clamp a learnable temperature into its range). */
  afterStep(): void;
  /** The critic's settings, for reports. */
  describe(): Readonly<Record<string, unknown>>;
}
