import { InfonceError } from "../errors.js";
import type { Rng } from "../math/rng.js";
import { linearInit } from "../nn/linear-init.js";
import { Mlp, type MlpSpec } from "../nn/mlp.js";
import { ParameterBuffer } from "../nn/parameter-buffer.js";
import type { Activation, Kernel } from "../types.js";
import type { Critic } from "./critic.js";

export interface ConcatCriticOptions {
  readonly dimX: number;
  readonly dimY: number;
  /** Hidden layer widths (at least one) of the MLP on [x, y]. */
  readonly hidden: readonly number[];
  readonly activation: Activation;
}

/**
 * The concat critic f(x, y) = MLP([x, y]) → ℝ (Poole et al. 2019's ConcatCritic) on all K² pairs of a batch.
 * The first layer is split, W = [W_x  W_y], so its K² pre-activations are sums of two K×H products:
 * z_(i,j) = (W_x x_i + b) + W_y y_j. P = X W_xᵀ + b and Q = Y W_yᵀ cost 2K·H·(dimX + dimY)/2 flops instead of
 * K²·H·(dimX + dimY); row block i of Z (K×H, pairs (i, 0..K−1)) is Q with P_i added as a bias.
 * Row (i·K + j) of every K²-row buffer is the pair (x_i, y_j), so the output is S[i*K + j] directly.
 * W_x (H×dimX) and W_y (H×dimY) are stored as separate contiguous blocks; their entries are drawn as
 * nn.Linear(dimX + dimY, H) draws them (U(−1/√(dimX+dimY), ·)).
 */
export class ConcatCritic implements Critic {
  readonly kind = "concat" as const;
  readonly dimX: number;
  readonly dimY: number;
  readonly parameters: ParameterBuffer;
  private readonly h1: number;
  private readonly activation: Activation;
  private readonly wx: Float32Array;
  private readonly wy: Float32Array;
  private readonly b1: Float32Array;
  private readonly gwx: Float32Array;
  private readonly gwy: Float32Array;
  private readonly gb1: Float32Array;
  private readonly rest: Mlp;
  private readonly kernel: Kernel;
  private capacity = 0;
  private allocated = 0;
  private p = new Float32Array(0);
  private q = new Float32Array(0);
  private z = new Float32Array(0);
  private a = new Float32Array(0);
  private gradZ = new Float32Array(0);
  private gradP = new Float32Array(0);
  private gradQ = new Float32Array(0);
  /** Views of row i of P, block i of Z, A, gradZ and row i of gradP, made once per K. */
  private pRows: Float32Array[] = [];
  private zBlocks: Float32Array[] = [];
  private aBlocks: Float32Array[] = [];
  private gzBlocks: Float32Array[] = [];
  private gpRows: Float32Array[] = [];
  private qView = new Float32Array(0);
  private x: Float32Array = new Float32Array(0);
  private y: Float32Array = new Float32Array(0);
  private k = 0;

  constructor(
    private readonly options: ConcatCriticOptions,
    rng: Rng,
    kernel: Kernel,
  ) {
    const { dimX, dimY, hidden, activation } = options;
    if (hidden.length < 1) throw new InfonceError("E_ARG", "the concat critic needs at least one hidden layer, got []");
    this.dimX = dimX;
    this.dimY = dimY;
    this.h1 = hidden[0] as number;
    this.activation = activation;
    this.kernel = kernel;
    const restSpec: MlpSpec = { inDim: this.h1, hidden: hidden.slice(1), outDim: 1, activation };
    const h = this.h1;
    this.parameters = new ParameterBuffer(h * (dimX + dimY + 1) + Mlp.parameterCount(restSpec));
    const wx = this.parameters.take(h * dimX);
    const wy = this.parameters.take(h * dimY);
    const b1 = this.parameters.take(h);
    this.wx = wx.values;
    this.wy = wy.values;
    this.b1 = b1.values;
    this.gwx = wx.grads;
    this.gwy = wy.grads;
    this.gb1 = b1.grads;
    linearInit(this.wx, null, dimX + dimY, rng);
    linearInit(this.wy, null, dimX + dimY, rng);
    linearInit(this.b1, null, dimX + dimY, rng);
    this.rest = new Mlp(restSpec, this.parameters, rng, kernel);
  }

  private ensure(k: number): void {
    if (k === this.capacity) return;
    // Views depend on K exactly; buffers are reallocated only when K grows.
    const h = this.h1;
    if (k > this.allocated) {
      this.allocated = k;
      this.p = new Float32Array(k * h);
      this.q = new Float32Array(k * h);
      this.z = new Float32Array(k * k * h);
      this.a = new Float32Array(k * k * h);
      this.gradZ = new Float32Array(k * k * h);
      this.gradP = new Float32Array(k * h);
      this.gradQ = new Float32Array(k * h);
    }
    this.capacity = k;
    const rows = (buf: Float32Array, size: number) =>
      Array.from({ length: k }, (_, i) => buf.subarray(i * size, (i + 1) * size));
    this.qView = this.q.subarray(0, k * h);
    this.pRows = rows(this.p, h);
    this.gpRows = rows(this.gradP, h);
    this.zBlocks = rows(this.z, k * h);
    this.aBlocks = rows(this.a, k * h);
    this.gzBlocks = rows(this.gradZ, k * h);
  }

  scores(x: Float32Array, y: Float32Array, k: number): Float32Array {
    this.ensure(k);
    const kern = this.kernel;
    const h = this.h1;
    this.x = x;
    this.y = y;
    this.k = k;
    kern.gemm(false, true, k, h, this.dimX, 1, x, this.wx, 0, this.p);
    kern.biasActivation(this.p, this.b1, k, h, "identity", this.p);
    kern.gemm(false, true, k, h, this.dimY, 1, y, this.wy, 0, this.q);
    for (let i = 0; i < k; i++) {
      const zi = this.zBlocks[i] as Float32Array;
      zi.set(this.qView);
      kern.biasActivation(zi, this.pRows[i] as Float32Array, k, h, this.activation, this.aBlocks[i] as Float32Array);
    }
    return this.rest.forward(this.a, k * k);
  }

  backward(gradS: Float32Array): void {
    const kern = this.kernel;
    const k = this.k;
    const h = this.h1;
    const gradA = this.rest.backward(gradS, k * k, true) as Float32Array;
    kern.activationBackward(this.z, this.a, gradA, k * k, h, this.activation, this.gradZ);
    // ∂P_i = Σ_j ∂z_(i,j) (column sums of block i); ∂Q = Σ_i block_i (column sums of gradZ seen as K × (K·H)).
    for (let i = 0; i < k; i++) kern.columnSums(this.gzBlocks[i] as Float32Array, k, h, this.gpRows[i] as Float32Array);
    kern.columnSums(this.gradZ, k, k * h, this.gradQ);
    kern.columnSums(this.gradP, k, h, this.gb1);
    kern.gemm(true, false, h, this.dimX, k, 1, this.gradP, this.x, 0, this.gwx);
    kern.gemm(true, false, h, this.dimY, k, 1, this.gradQ, this.y, 0, this.gwy);
  }

  afterStep(): void {}

  describe(): Readonly<Record<string, unknown>> {
    return {
      critic: "concat",
      hidden: [...this.options.hidden],
      activation: this.activation,
      parameters: this.parameters.size,
    };
  }
}
