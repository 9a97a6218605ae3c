import type { Matrix } from "../types.js";
import { normalizeBackwardInPlace } from "./embeddings.js";
import type { Reduction } from "./loss-options.js";

/** What the paired-view losses that bound no MI (DCL, SigLIP) return in common. */
export interface PairedViewsLossResult {
  /** The reduced loss (nats); for "none", one loss per row of x. */
  readonly loss: number | Float64Array;
  /** The mean over the N rows, whatever the reduction. */
  readonly meanLoss: number;
  readonly gradX: Matrix<Float64Array>;
  readonly gradY: Matrix<Float64Array>;
  /** ∂loss/∂logitScale, the log of the scale 1/τ. */
  readonly gradLogitScale: number;
  readonly miBound: null;
  /** Why there is no bound. */
  readonly message: string;
}

/**
 * The reduced loss and the gradients with respect to the raw views of a paired-view loss, from its per-row losses
 * (`total` their sum) and its gradients gx, gy (N×D) with respect to the views it used: when `normalize`, those
 * were x̂, ŷ (xs, ys with norms xNorm, yNorm) and gx, gy are taken back through the normalisation in place.
 */
export function pairedViewsLoss(
  reduction: Reduction,
  perRow: Float64Array,
  total: number,
  views: { xs: Float64Array; xNorm: Float64Array; ys: Float64Array; yNorm: Float64Array },
  normalize: boolean,
  gx: Float64Array,
  gy: Float64Array,
): Pick<PairedViewsLossResult, "loss" | "meanLoss" | "gradX" | "gradY"> {
  const N = perRow.length;
  const D = gx.length / N;
  if (normalize) {
    normalizeBackwardInPlace(gx, views.xs, views.xNorm, 0, N, D);
    normalizeBackwardInPlace(gy, views.ys, views.yNorm, 0, N, D);
  }
  const meanLoss = total / N;
  return {
    loss: reduction === "none" ? perRow : reduction === "sum" ? total : meanLoss,
    meanLoss,
    gradX: { rows: N, cols: D, data: gx },
    gradY: { rows: N, cols: D, data: gy },
  };
}
