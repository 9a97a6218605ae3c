import { InfonceError } from "../errors.js";
import type { Rng } from "../math/rng.js";
import type { Kernel } from "../types.js";
import { ConcatCritic } from "./concat-critic.js";
import type { Critic } from "./critic.js";
import { SeparableCritic, type SeparableCriticOptions } from "./separable-critic.js";

/**
 * Everything that chooses a critic; the estimator's settings map onto it. The separable critic's options name every
 * field (the concat critic reads a subset), so the spec is them plus the choice.
 */
export interface CriticSpec extends SeparableCriticOptions {
  readonly critic: "separable" | "concat";
}

/** Builds the critic a spec names, its parameters drawn from `rng`. */
export function createCritic(spec: CriticSpec, rng: Rng, kernel: Kernel): Critic {
  if (spec.critic === "separable") return new SeparableCritic(spec, rng, kernel);
  if (spec.critic === "concat") return new ConcatCritic(spec, rng, kernel);
  throw new InfonceError("E_ARG", `critic must be "separable" or "concat", got "${String(spec.critic)}"`);
}
