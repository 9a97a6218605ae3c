import { InfonceError } from "../errors.js";
import type { BoundName, BoundValue, ScoreMatrix } from "../types.js";
import { alphaBound } from "./alpha.js";
import { dvBound } from "./dv.js";
import { infonceBound } from "./infonce.js";
import { jsBound } from "./js.js";
import type { MineState } from "./mine.js";
import { mineBound } from "./mine.js";
import { nwjBound } from "./nwj.js";
import { smileBound } from "./smile.js";
import { symmetricInfonceBound } from "./symmetric-infonce.js";

/** Every bound name `bound()` accepts, in the order docs and `--help` list them. */
export const BOUND_NAMES: readonly BoundName[] = ["infonce", "nwj", "dv", "mine", "js", "smile", "alpha"];

/** Per-bound settings for `bound()`; each is rejected for a bound that does not use it. */
export interface BoundOptions {
  /** infonce only: the symmetric (CLIP) form, mean of the row- and column-wise bounds (square S). */
  readonly symmetric?: boolean;
  /** smile only: the clip τ (default 5; ∞ or ≤ 0 means no clip). */
  readonly tau?: number;
  /** alpha only (required): the interpolation α ∈ [0, 1], 0 = InfoNCE end, 1 = NWJ end. */
  readonly alpha?: number;
  /** mine only: the previous call's state (undefined on the first batch). */
  readonly state?: MineState;
  /** mine only: the moving-average momentum (default 0.9). */
  readonly momentum?: number;
}

const USES: Readonly<Record<keyof BoundOptions, BoundName>> = {
  symmetric: "infonce",
  tau: "smile",
  alpha: "alpha",
  state: "mine",
  momentum: "mine",
};

/**
 * Evaluates the bound `name` on the score matrix S (K×M row-major, column i = row i's positive): its value in
 * nats and the gradient to ascend. A thin dispatcher over infonceBound, symmetricInfonceBound, nwjBound, dvBound,
 * mineBound (returns `state` too), jsBound, smileBound and alphaBound; see each for the formula.
 * @throws InfonceError E_UNKNOWN for an unknown name, E_ARG for an option the bound does not take (or a missing
 *   alpha), and whatever the bound itself raises.
 */
export function bound(name: BoundName, S: ScoreMatrix, options: BoundOptions = {}): BoundValue {
  if (!BOUND_NAMES.includes(name)) {
    throw new InfonceError("E_UNKNOWN", `bound: unknown bound "${String(name)}"; known: ${BOUND_NAMES.join(", ")}`);
  }
  for (const key of Object.keys(options) as (keyof BoundOptions)[]) {
    if (options[key] === undefined) continue;
    const owner = USES[key];
    if (owner === undefined) {
      throw new InfonceError("E_ARG", `bound: unknown option "${key}"; options are ${Object.keys(USES).join(", ")}`);
    }
    if (owner !== name) {
      throw new InfonceError("E_ARG", `bound: option "${key}" belongs to the ${owner} bound, not to ${name}`);
    }
  }
  switch (name) {
    case "infonce":
      return options.symmetric ? symmetricInfonceBound(S) : infonceBound(S);
    case "nwj":
      return nwjBound(S);
    case "dv":
      return dvBound(S);
    case "mine":
      return mineBound(S, options.state, options.momentum === undefined ? {} : { momentum: options.momentum });
    case "js":
      return jsBound(S);
    case "smile":
      return smileBound(S, options.tau);
    case "alpha":
      if (options.alpha === undefined) {
        throw new InfonceError(
          "E_ARG",
          "bound: the alpha bound needs options.alpha in [0, 1] (0 = InfoNCE end, 1 = NWJ end)",
        );
      }
      return alphaBound(S, options.alpha);
  }
}
