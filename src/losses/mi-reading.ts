import { infonceRisePerDoubling, SATURATION_RISE } from "../estimators/infonce-saturation.js";
import { getKernel } from "../linalg/engine.js";
import type { Kernel } from "../types.js";

/** What an InfoNCE-type loss says about I(X;Y) on one batch (van den Oord et al. 2018; Poole et al. 2019). */
export interface MiReading {
  /** log K − loss: a lower bound on I(X;Y) in expectation over batches (nats). */
  readonly miBound: number;
  /**
   * (I_NCE(K) − I_NCE(K/2)) / log 2 on this batch's K×K logits (estimators/infonce-saturation.ts), or null when
   * the candidates are not an in-batch K×K matrix (explicit negatives, labels) or K < 4.
   */
  readonly risePerDoubling: number | null;
  /** Within 5% of log K, or rising by ≥ SATURATION_RISE·log 2 per doubling of K: the batch, not the data, limits it. */
  readonly saturated: boolean;
  /** Why it is saturated, in one sentence; null otherwise. */
  readonly message: string | null;
}

/**
 * The saturation check of the estimators applied to a loss's batch: the bound log K − loss is limited by K when
 * it sits within 5% of log K or still climbs by half a log 2 or more each time K doubles.
 * @param logits K×K row-major in-batch logits (diagonal = positives), or null when no K×K matrix exists.
 */
export function miReading(meanLoss: number, K: number, logits: Float64Array | null, kernel?: Kernel): MiReading {
  const logK = Math.log(K);
  const miBound = logK - meanLoss;
  let rise: number | null = null;
  if (logits !== null && K >= 4) {
    const s = Float32Array.from(logits);
    rise = infonceRisePerDoubling(kernel ?? getKernel(), s, K);
    if (!Number.isFinite(rise)) rise = null;
  }
  const near = K > 1 && miBound >= 0.95 * logK;
  const rising = rise !== null && rise >= SATURATION_RISE;
  const saturated = near || rising;
  let message: string | null = null;
  if (saturated) {
    message = near
      ? `this batch cannot show more than log K = ${logK.toFixed(3)} nats (the bound ${miBound.toFixed(3)} is within 5% of it)`
      : `this batch cannot show more than log K = ${logK.toFixed(3)} nats: the bound ${miBound.toFixed(3)} still rises by ${((rise as number) * Math.LN2).toFixed(3)} nats when K doubles (a converged bound rises by ≈ 0)`;
  }
  return { miBound, risePerDoubling: rise, saturated, message };
}
