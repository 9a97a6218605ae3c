import { InfonceError } from "../errors.js";
import type { Rng } from "../math/rng.js";
import type { Activation, Kernel } from "../types.js";
import { ConcatCritic } from "./concat-critic.js";
import type { Critic } from "./critic.js";
import { SeparableCritic, type Similarity } from "./separable-critic.js";

/** Everything that chooses a critic; the estimator's settings map onto it. */
export interface CriticSpec {
  readonly critic: "separable" | "concat";
  readonly dimX: number;
  readonly dimY: number;
  readonly hidden: readonly number[];
  readonly embed: number;
  readonly activation: Activation;
  readonly similarity: Similarity;
  readonly temperature?: number;
  readonly learnTemperature?: boolean;
}

/** Builds the critic a spec names, its parameters drawn from `rng`. */
export function createCritic(spec: CriticSpec, rng: Rng, kernel: Kernel): Critic {
  if (spec.critic === "separable") return new SeparableCritic(spec, rng, kernel);
  if (spec.critic === "concat") return new ConcatCritic(spec, rng, kernel);
  throw new InfonceError("E_ARG", `critic must be "separable" or "concat", got "${String(spec.critic)}"`);
}
