import { InfonceError } from "../errors.js";
import type { Rng } from "../math/rng.js";
import type { Activation, Kernel } from "../types.js";
import { Dense } from "./dense.js";
import type { ParameterBuffer } from "./parameter-buffer.js";

/** Shape of a multilayer perceptron: in → hidden[0] → … → hidden[L−1] → out, `activation` between, none after. */
export interface MlpSpec {
  readonly inDim: number;
  readonly hidden: readonly number[];
  readonly outDim: number;
  readonly activation: Activation;
}

/**
 * A multilayer perceptron (as torch.nn.Sequential of Linear and activation layers, PyTorch's initialisation):
 * rows×in → rows×out, float32 row-major. Gradient buffers between layers are allocated once per row count.
 */
export class Mlp {
  readonly layers: readonly Dense[];
  private gradBuffers: Float32Array[] = [];
  private capacity = 0;

  constructor(
    readonly spec: MlpSpec,
    params: ParameterBuffer,
    rng: Rng,
    kernel: Kernel,
  ) {
    validateSpec(spec);
    const dims = [spec.inDim, ...spec.hidden, spec.outDim];
    const layers: Dense[] = [];
    for (let l = 0; l + 1 < dims.length; l++) {
      const last = l + 2 === dims.length;
      layers.push(
        new Dense(dims[l] as number, dims[l + 1] as number, last ? "identity" : spec.activation, params, rng, kernel),
      );
    }
    this.layers = layers;
  }

  /** Number of parameters of an MLP of this shape. */
  static parameterCount(spec: MlpSpec): number {
    validateSpec(spec);
    const dims = [spec.inDim, ...spec.hidden, spec.outDim];
    let n = 0;
    for (let l = 0; l + 1 < dims.length; l++) n += Dense.parameterCount(dims[l] as number, dims[l + 1] as number);
    return n;
  }

  /** Output (rows×out) for x (rows×in); the returned buffer is the last layer's and valid until the next forward. */
  forward(x: Float32Array, rows: number): Float32Array {
    let h = x;
    for (const layer of this.layers) h = layer.forward(h, rows);
    return h;
  }

  /**
   * Back-propagates ∂L/∂out (rows×out) of the last forward, writing every layer's parameter gradients.
   * Returns ∂L/∂x (rows×in, an internal buffer) when `inputGrad` is true, else null (saves one GEMM).
   */
  backward(gradOut: Float32Array, rows: number, inputGrad = false): Float32Array | null {
    this.ensure(rows);
    let g = gradOut;
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const target = l > 0 || inputGrad ? (this.gradBuffers[l] as Float32Array) : null;
      (this.layers[l] as Dense).backward(g, rows, target);
      if (target) g = target;
    }
    return inputGrad ? (this.gradBuffers[0] as Float32Array) : null;
  }

  private ensure(rows: number): void {
    if (rows <= this.capacity) return;
    this.capacity = rows;
    this.gradBuffers = this.layers.map((layer) => new Float32Array(rows * layer.inDim));
  }
}

function validateSpec(spec: MlpSpec): void {
  const dims = [spec.inDim, ...spec.hidden, spec.outDim];
  for (const d of dims) {
    if (!(Number.isInteger(d) && d >= 1)) {
      throw new InfonceError("E_ARG", `MLP layer sizes must be integers ≥ 1, got [${dims.join(", ")}]`);
    }
  }
}
