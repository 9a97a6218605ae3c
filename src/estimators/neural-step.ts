import type { BoundSpec, TrainingGradient } from "../bounds/bound-spec.js";
import { boundSpec } from "../bounds/registry.js";
import type { Critic } from "../critics/critic.js";
import { InfonceError } from "../errors.js";
import { Adam, type AdamOptions } from "../nn/adam.js";
import type { BoundName, Kernel } from "../types.js";

/** A bound chosen by name, with its parameter (SMILE's τ, the α-bound's α, MINE's momentum; see the registry). */
export interface BoundChoice {
  readonly bound: BoundName;
  /** The bound's parameter; its default (BoundSpec.param.default) when absent; unused by bounds without one. */
  readonly param?: number;
}

/**
 * One critic, one bound, one optimizer: the per-step arithmetic of every neural estimator (the trainer, the
 * staircase, the W1 benchmark). A training step on a batch (x_i, y_i), i < K, computes S = f(x_i, y_j) (K×K), the
 * bound's value and its ascent gradient ∂/∂S (JS and SMILE: of the Jensen–Shannon surrogate; MINE: with the moving
 * average), back-propagates it and takes one Adam ascent step. Buffers are made once per K.
 */
export class CriticOptimizer {
  readonly optimizer: Adam;
  readonly spec: BoundSpec;
  /** The bound's parameter in effect (the choice's, or the registry default). */
  readonly param: number;
  private gradS = new Float32Array(0);
  /** The stateful training gradient (MINE's moving average), when the bound has one. */
  private readonly trainingGradient: TrainingGradient | undefined;

  constructor(
    readonly critic: Critic,
    readonly choice: BoundChoice,
    adam: AdamOptions,
    private readonly kernel: Kernel,
  ) {
    this.spec = boundSpec(choice.bound);
    this.param = choice.param ?? this.spec.param?.default ?? 0;
    this.trainingGradient = this.spec.stateful?.createGradient(this.param);
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

  /** The bound as the kernel evaluates it: a stateful bound's value comes from another (MINE's is DV's). */
  get evaluatedBound(): BoundName {
    return this.spec.stateful?.valueFrom ?? this.spec.name;
  }

  private boundValue(s: Float32Array, k: number): number {
    const value = this.kernel.bound(this.evaluatedBound, s, k, k, this.param, this.gradS);
    if (Number.isNaN(value)) {
      // A kernel that reports non-finite scores as NaN instead of an error: the critic has diverged.
      throw new InfonceError("E_VALUE", `${this.spec.name}: the critic produced non-finite scores (training diverged)`);
    }
    return value;
  }

  /** One training step on the batch; returns the bound's value on it before the update. */
  trainStep(x: Float32Array, y: Float32Array, k: number): number {
    this.ensure(k);
    const s = this.critic.scores(x, y, k);
    const value = this.boundValue(s, k);
    this.trainingGradient?.(s, k, k, this.gradS);
    this.critic.backward(this.gradS);
    this.optimizer.step();
    this.critic.afterStep();
    return value;
  }
}
