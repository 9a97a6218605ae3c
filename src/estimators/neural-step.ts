import type { Critic } from "../critics/critic.js";
import { InfonceError } from "../errors.js";
import { Adam, type AdamOptions } from "../nn/adam.js";
import type { BoundName, Kernel } from "../types.js";
import { type MineState, mineGradient } from "./neural-mine.js";

/** A bound chosen by name, with its parameter: τ for SMILE, α for the α-bound (THEORY.md convention). */
export interface BoundChoice {
  readonly bound: BoundName;
  /** SMILE's clip τ (default 5) or the α-bound's α ∈ [0, 1] (default 0.5); unused otherwise. */
  readonly param: number;
  /** MINE's moving-average momentum (default 0.9). */
  readonly mineMomentum: number;
}

/**
 * One critic, one bound, one optimizer: the per-step arithmetic of every neural estimator (the trainer, the
 * staircase, the W1 benchmark). A training step on a batch (x_i, y_i), i < K, computes S = f(x_i, y_j) (K×K), the
 * bound's value and its ascent gradient ∂/∂S (JS and SMILE: of the Jensen–Shannon surrogate; MINE: with the moving
 * average), back-propagates it and takes one Adam ascent step. Buffers are made once per K.
 */
export class CriticOptimizer {
  readonly optimizer: Adam;
  private gradS = new Float32Array(0);
  private readonly mine: MineState = { ema: Number.NaN };

  constructor(
    readonly critic: Critic,
    readonly choice: BoundChoice,
    adam: AdamOptions,
    private readonly kernel: Kernel,
  ) {
    this.optimizer = new Adam(critic.parameters.values, critic.parameters.grads, { ...adam, maximize: true }, kernel);
  }

  private ensure(k: number): void {
    if (this.gradS.length < k * k) this.gradS = new Float32Array(k * k);
  }

  /** The bound's value on a batch without training (MINE reports DV). */
  evaluate(x: Float32Array, y: Float32Array, k: number): number {
    return this.evaluateScores(x, y, k).value;
  }

  /**
   * The bound's value on a batch without training, with the K×K score matrix it was computed from. `scores` is the
   * critic's own buffer (its first K·K entries): valid until the critic's next forward pass.
   */
  evaluateScores(
    x: Float32Array,
    y: Float32Array,
    k: number,
  ): { readonly value: number; readonly scores: Float32Array } {
    this.ensure(k);
    const scores = this.critic.scores(x, y, k);
    return { value: this.boundValue(scores, k), scores };
  }

  /** The bound as the kernel evaluates it: MINE's value is the DV bound. */
  get evaluatedBound(): Exclude<BoundName, "mine"> {
    return this.choice.bound === "mine" ? "dv" : this.choice.bound;
  }

  private boundValue(s: Float32Array, k: number): number {
    const { bound, param } = this.choice;
    const value = this.kernel.bound(this.evaluatedBound, s, k, k, param, this.gradS);
    if (Number.isNaN(value)) {
      // Compiled kernels report non-finite scores as NaN (BOUNDS.md); the critic has diverged.
      throw new InfonceError("E_VALUE", `${bound}: the critic produced non-finite scores (training diverged)`);
    }
    return value;
  }

  /** One training step on the batch; returns the bound's value on it before the update. */
  trainStep(x: Float32Array, y: Float32Array, k: number): number {
    this.ensure(k);
    const s = this.critic.scores(x, y, k);
    const value = this.boundValue(s, k);
    if (this.choice.bound === "mine") mineGradient(s, k, k, this.choice.mineMomentum, this.mine, this.gradS);
    this.critic.backward(this.gradS);
    this.optimizer.step();
    this.critic.afterStep();
    return value;
  }
}
