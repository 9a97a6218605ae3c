import { InfonceError } from "../errors.js";
import type { BoundValue, ScoreMatrix } from "../types.js";
import { checkBoundParam } from "./check-score-matrix.js";
import type { MineState } from "./mine.js";
import { BOUNDS, boundSpec, type RegisteredBound } from "./registry.js";

/** The descriptor of the registered bound N. */
type SpecNamed<N extends RegisteredBound> = Extract<(typeof BOUNDS)[number], { readonly name: N }>;

/** The options `bound(N, …)` takes: the bound's parameter under its key and its extra options, typed. */
export type BoundOptionsOf<N extends RegisteredBound> = Parameters<SpecNamed<N>["evaluate"]>[2];

/** What `bound(N, …)` returns: `objective` for js and smile, `objective` and `state` for mine. */
export type BoundResultOf<N extends RegisteredBound> = ReturnType<SpecNamed<N>["evaluate"]>;

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
export function bound<N extends RegisteredBound>(
  name: N,
  S: ScoreMatrix,
  options?: BoundOptionsOf<N>,
): BoundResultOf<N>;
/**
 * A bound named at run time (`--bound`, a `string`): options checked at run time only. A literal name takes the
 * typed form above (`string extends N` is false for it), so a typo'd literal or option does not compile.
 */
export function bound<N extends string>(
  name: N & (string extends N ? unknown : never),
  S: ScoreMatrix,
  options?: BoundOptions,
): BoundValue;
export function bound(name: string, S: ScoreMatrix, given: object = {}): BoundValue {
  const options = given as BoundOptions;
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
