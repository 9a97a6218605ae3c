import { InfonceError } from "../errors.js";
import type { Kernel } from "../types.js";

/** Adam settings (PyTorch's defaults except lr). */
export interface AdamOptions {
  readonly lr: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly eps?: number;
  /** Decoupled weight decay (AdamW); 0 is plain Adam. */
  readonly weightDecay?: number;
  /** Ascend instead of descend (torch's maximize=True): the gradients are of an objective to maximise. */
  readonly maximize?: boolean;
}

/**
 * Adam / AdamW over one flat parameter array (Kingma & Ba 2015; Loshchilov & Hutter 2019): one kernel call per step.
 * maximize: the kernel is called with (−lr, −weightDecay). Then the decay factor 1 − lr·wd is unchanged and the
 * step param − (−lr)·m̂/(√v̂ + ε) ascends, which is exactly torch's maximize=True (it negates g, which flips m̂ and
 * leaves v̂); test/fixtures/linalg/adam.json checks this against torch.
 */
export class Adam {
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private t = 0;
  private learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  readonly maximize: boolean;

  constructor(
    private readonly params: Float32Array,
    private readonly grads: Float32Array,
    options: AdamOptions,
    private readonly kernel: Kernel,
  ) {
    this.learningRate = options.lr;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0;
    this.maximize = options.maximize ?? false;
    if (!(this.lr > 0 && Number.isFinite(this.lr)))
      throw new InfonceError("E_VALUE", `learning rate must be > 0, got ${this.lr}`);
    for (const [name, b] of [
      ["beta1", this.beta1],
      ["beta2", this.beta2],
    ] as const) {
      if (!(b >= 0 && b < 1)) throw new InfonceError("E_VALUE", `Adam ${name} must be in [0, 1), got ${b}`);
    }
    if (!(this.eps > 0)) throw new InfonceError("E_VALUE", `Adam eps must be > 0, got ${this.eps}`);
    if (!(this.weightDecay >= 0))
      throw new InfonceError("E_VALUE", `weight decay must be ≥ 0, got ${this.weightDecay}`);
    if (grads.length !== params.length) {
      throw new InfonceError("E_SHAPE", `Adam: ${params.length} parameters but ${grads.length} gradients`);
    }
    this.m = new Float32Array(params.length);
    this.v = new Float32Array(params.length);
  }

  /** The learning rate of the next step. */
  get lr(): number {
    return this.learningRate;
  }

  /**
   * Multiplies the learning rate by `factor` ∈ (0, 1] (a schedule's decay, e.g. on a validation plateau); the
   * moment estimates are kept.
   */
  scaleLearningRate(factor: number): void {
    if (!(factor > 0 && factor <= 1)) {
      throw new InfonceError("E_VALUE", `learning-rate factor must be in (0, 1], got ${factor}`);
    }
    this.learningRate *= factor;
  }

  /** Number of steps taken. */
  get steps(): number {
    return this.t;
  }

  /** One update of every parameter from the current gradients. */
  step(): void {
    this.t++;
    const sign = this.maximize ? -1 : 1;
    this.kernel.adam(
      this.params,
      this.grads,
      this.m,
      this.v,
      sign * this.lr,
      this.beta1,
      this.beta2,
      this.eps,
      sign * this.weightDecay,
      this.t,
    );
  }
}
