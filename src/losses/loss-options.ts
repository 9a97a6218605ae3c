import { InfonceError } from "../errors.js";
import { logitScaleMultiplier, type ResolvedScale } from "./logit-scale.js";

/** How a query and a candidate are compared: u·v, or u·v / (‖u‖‖v‖). The logit is that times the scale 1/τ. */
export type Similarity = "dot" | "cosine";
/** How per-anchor losses are combined (pytorch-metric-learning's reducers): mean, sum, or one loss per anchor. */
export type Reduction = "mean" | "sum" | "none";

export const SIMILARITIES: readonly Similarity[] = ["dot", "cosine"];
export const REDUCTIONS: readonly Reduction[] = ["mean", "sum", "none"];

/** E_ARG naming the option and the allowed values when `value` is not one of them. */
export function oneOf<T extends string>(fn: string, value: T, allowed: readonly T[], name: string): void {
  if (!allowed.includes(value)) {
    throw new InfonceError(
      "E_ARG",
      `${fn}: ${name} = "${String(value)}"; expected one of ${allowed.map((a) => `"${a}"`).join(", ")}`,
    );
  }
}

/** Checks the similarity and reduction every loss takes. */
export function validateChoices(fn: string, o: { similarity: Similarity; reduction: Reduction }): void {
  oneOf(fn, o.similarity, SIMILARITIES, "similarity");
  oneOf(fn, o.reduction, REDUCTIONS, "reduction");
}

/**
 * The multiplier of the similarities: 1/τ for a fixed temperature, or open_clip's learnable e^{logitScale}
 * (clamped to [0, log 100]). Either one may be given, not both; with neither, the loss's default applies
 * (`defaults.logitScale` when it has one, else 1/`defaults.temperature`). `logitScale` is returned as log scale,
 * the variable the losses' gradLogitScale is taken with respect to.
 */
export function resolveScale(
  fn: string,
  o: { readonly temperature?: number; readonly logitScale?: number },
  defaults: { readonly temperature?: number; readonly logitScale?: number },
): ResolvedScale {
  if (o.temperature !== undefined && o.logitScale !== undefined) {
    throw new InfonceError(
      "E_ARG",
      `${fn}: give temperature (fixed τ) or logitScale (learnable log(1/τ), clamped to [0, log 100]), not both`,
    );
  }
  const logitScale = o.logitScale ?? (o.temperature === undefined ? defaults.logitScale : undefined);
  if (logitScale !== undefined) return logitScaleMultiplier(logitScale, fn);
  const tau = o.temperature ?? defaults.temperature ?? 0.1;
  if (typeof tau !== "number" || !Number.isFinite(tau) || tau <= 0) {
    throw new InfonceError("E_VALUE", `${fn}: temperature = ${tau}; it must be a finite number > 0 (e.g. 0.07 or 0.1)`);
  }
  return { scale: 1 / tau, logitScale: -Math.log(tau) };
}
