import { closeNames } from "../close-names.js";
import { InfonceError } from "../errors.js";
import { alphaSpec } from "./alpha.js";
import type { BoundSpec } from "./bound-spec.js";
import { dvSpec } from "./dv.js";
import { infonceSpec } from "./infonce.js";
import { jsSpec } from "./js.js";
import { mineSpec } from "./mine.js";
import { nwjSpec } from "./nwj.js";
import { smileSpec } from "./smile.js";

/**
 * Every variational bound, in the order docs, `--help` and the web page list them. Adding a bound is one file
 * exporting its BoundSpec and one line here (docs/bounds.md, "Adding a bound").
 */
export const BOUNDS = [infonceSpec, nwjSpec, dvSpec, mineSpec, jsSpec, smileSpec, alphaSpec] as const;

/** The name of a registered bound (and of its neural estimator, a key of ESTIMATORS). */
export type RegisteredBound = (typeof BOUNDS)[number]["name"];

/** The option key of a registered bound's parameter (tau, alpha, mineMomentum). */
export type BoundParamKey = NonNullable<(typeof BOUNDS)[number]["param"]>["key"];

/** Every bound name, in registry order. */
export const BOUND_NAMES: readonly string[] = BOUNDS.map((b) => b.name);

/**
 * The descriptor of the bound `name` in `bounds` (default: the registry).
 * @throws InfonceError E_UNKNOWN naming the closest known bounds.
 */
export function boundSpec(name: string, bounds: readonly BoundSpec[] = BOUNDS): BoundSpec {
  const spec = bounds.find((b) => b.name === name);
  if (spec !== undefined) return spec;
  const names = bounds.map((b) => b.name);
  const close = closeNames(String(name), names, 1);
  const hint = close.length > 0 ? `did you mean "${close[0]}"? ` : "";
  throw new InfonceError("E_UNKNOWN", `unknown bound "${String(name)}"; ${hint}known: ${names.join(", ")}`);
}

/** The value of `spec`'s parameter in `params` (its default when absent), or 0 for a bound without one. */
export function boundParamValue(spec: BoundSpec, params: Readonly<Record<string, unknown>>): number {
  if (spec.param === undefined) return 0;
  const v = params[spec.param.key];
  return typeof v === "number" ? v : spec.param.default;
}

/** "smile(τ=5)" for a bound with a parameter, the bare name otherwise: labels of runs and plots. */
export function boundLabel(spec: BoundSpec, param: number): string {
  return spec.param === undefined ? spec.name : `${spec.name}(${spec.param.symbol}=${param})`;
}
