import { InfonceError } from "../errors.js";
import type { BoundValue, ScoreMatrix } from "../types.js";
import { checkBoundParam } from "./check-score-matrix.js";
import type { MineState } from "./mine.js";
import { BOUNDS, boundSpec } from "./registry.js";

/**
 * Per-bound settings for `bound()`: each bound's parameter under its key (registry: `tau` for smile, `alpha` for
 * alpha, `mineMomentum` for mine; default when absent) and the extra options below. An option of another bound is
 * an error.
 */
export interface BoundOptions {
  /** infonce only: the symmetric (CLIP) form, mean of the row- and column-wise bounds (square S). */
  readonly symmetric?: boolean;
  /** mine only: the previous call's state (undefined on the first batch). */
  readonly state?: MineState;
  /** A bound's parameter by its key: `tau` (smile, default 5), `alpha` (alpha, 0.5), `mineMomentum` (mine, 0.9). */
  readonly [paramKey: string]: unknown;
}

/** Which bound owns each option key, read from the registry. */
function optionOwner(key: string): string | undefined {
  for (const spec of BOUNDS) {
    if (spec.param?.key === key || spec.extraOptions?.includes(key)) return spec.name;
  }
  return undefined;
}

/**
 * Evaluates the bound `name` on the score matrix S (K×M row-major, column i = row i's positive): its value in
 * nats and the gradient to ascend, through the bound's descriptor (src/bounds/registry.ts); see each bound's file
 * for the formula. MINE returns its `state` too; JS, SMILE and MINE their `objective`.
 * @throws InfonceError E_UNKNOWN for an unknown name, E_ARG for an option the bound does not take, E_VALUE for a
 *   parameter out of range, and whatever the bound itself raises.
 */
export function bound(name: string, S: ScoreMatrix, options: BoundOptions = {}): BoundValue {
  const spec = boundSpec(name);
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const owner = optionOwner(key);
    if (owner === undefined) {
      const keys = BOUNDS.flatMap((b) => [...(b.param ? [b.param.key] : []), ...(b.extraOptions ?? [])]);
      throw new InfonceError("E_ARG", `bound: unknown option "${key}"; options are ${keys.join(", ")}`);
    }
    if (owner !== spec.name) {
      throw new InfonceError("E_ARG", `bound: option "${key}" belongs to the ${owner} bound, not to ${spec.name}`);
    }
  }
  let param = 0;
  if (spec.param !== undefined) {
    const given = options[spec.param.key];
    param = given === undefined ? spec.param.default : (given as number);
    checkBoundParam(spec.param, param, `bound ${spec.name}`);
  }
  return spec.evaluate(S, param, options);
}
