import type { Rng } from "../math/rng.js";
import type { Activation, Kernel } from "../types.js";
import { linearInit } from "./linear-init.js";
import type { ParameterBuffer } from "./parameter-buffer.js";

/**
 * A fully connected layer with its activation: a = act(x Wᵀ + b), W out×in (PyTorch layout), x rows×in,
 * a rows×out, all float32 row-major. Forward and backward sit side by side; every operation is a Kernel call.
 * Work buffers grow to the largest row count seen and are then reused (no allocation per step).
 */
export class Dense {
  readonly weight: Float32Array;
  readonly bias: Float32Array;
  readonly gradWeight: Float32Array;
  readonly gradBias: Float32Array;
  private z = new Float32Array(0);
  private a = new Float32Array(0);
  private gradZ = new Float32Array(0);
  private input: Float32Array = new Float32Array(0);
  private capacity = 0;

  constructor(
    readonly inDim: number,
    readonly outDim: number,
    readonly activation: Activation,
    params: ParameterBuffer,
    rng: Rng,
    private readonly kernel: Kernel,
  ) {
    const w = params.take(outDim * inDim);
    const b = params.take(outDim);
    this.weight = w.values;
    this.gradWeight = w.grads;
    this.bias = b.values;
    this.gradBias = b.grads;
    linearInit(this.weight, this.bias, inDim, rng);
  }

  /** Number of parameters of a layer in → out (weight and bias). */
  static parameterCount(inDim: number, outDim: number): number {
    return outDim * (inDim + 1);
  }

  private ensure(rows: number): void {
    if (rows <= this.capacity) return;
    this.capacity = rows;
    this.z = new Float32Array(rows * this.outDim);
    this.a = this.activation === "identity" ? this.z : new Float32Array(rows * this.outDim);
    this.gradZ = new Float32Array(rows * this.outDim);
  }

  /** a = act(x Wᵀ + b) for x rows×in; returns the layer's own output buffer (valid until the next forward). */
  forward(x: Float32Array, rows: number): Float32Array {
    this.ensure(rows);
    this.input = x;
    const k = this.kernel;
    k.gemm(false, true, rows, this.outDim, this.inDim, 1, x, this.weight, 0, this.z);
    k.biasActivation(this.z, this.bias, rows, this.outDim, this.activation, this.a);
    return this.a;
  }

  /**
   * Given ∂L/∂a (rows×out) of the last forward: gradZ = ∂L/∂a ⊙ act'(z); ∂L/∂W = gradZᵀ x; ∂L/∂b = Σ_rows gradZ;
   * and, when `gradInput` is given, ∂L/∂x = gradZ W into it (rows×in). Gradients overwrite (no accumulation).
   */
  backward(gradA: Float32Array, rows: number, gradInput: Float32Array | null): void {
    const k = this.kernel;
    k.activationBackward(this.z, this.a, gradA, rows, this.outDim, this.activation, this.gradZ);
    k.gemm(true, false, this.outDim, this.inDim, rows, 1, this.gradZ, this.input, 0, this.gradWeight);
    k.columnSums(this.gradZ, rows, this.outDim, this.gradBias);
    if (gradInput) k.gemm(false, false, rows, this.inDim, this.outDim, 1, this.gradZ, this.weight, 0, gradInput);
  }
}
