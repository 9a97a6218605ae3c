import { InfonceError } from "../errors.js";

/** open_clip's initial logit scale for CLIP: log(1/0.07), i.e. τ = 0.07. */
export const CLIP_LOGIT_SCALE_INIT = Math.log(1 / 0.07);
/** open_clip's initial SigLIP scale and bias: t = e^{log 10} = 10, b = −10 (Zhai et al. 2023). */
export const SIGLIP_LOGIT_SCALE_INIT = Math.log(10);
export const SIGLIP_LOGIT_BIAS_INIT = -10;
/** open_clip clamps the learnable logit scale to [0, log 100] (τ between 0.01 and 1) after every step. */
export const LOGIT_SCALE_MIN = 0;
export const LOGIT_SCALE_MAX = Math.log(100);

/** The multiplier of the similarities a loss used, and its log (clamped when given as a logit scale). */
export interface ResolvedScale {
  readonly scale: number;
  readonly logitScale: number;
}

/**
 * The multiplier e^{clamp(logitScale, 0, log 100)} that the losses apply to the similarities, and the clamped
 * parameter. open_clip clamps the parameter in place before the forward pass, so the gradient it reports is the
 * ordinary one at the clamped value (not zero outside the range); we do the same.
 */
export function logitScaleMultiplier(logitScale: number, fn: string): ResolvedScale {
  if (typeof logitScale !== "number" || !Number.isFinite(logitScale)) {
    throw new InfonceError(
      "E_VALUE",
      `${fn}: logitScale = ${logitScale}; it must be a finite number (open_clip starts at log(1/0.07) = ${CLIP_LOGIT_SCALE_INIT.toFixed(4)})`,
    );
  }
  const clamped = Math.min(Math.max(logitScale, LOGIT_SCALE_MIN), LOGIT_SCALE_MAX);
  return { scale: Math.exp(clamped), logitScale: clamped };
}
