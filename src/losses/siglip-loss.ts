import { InfonceError } from "../errors.js";
import { axpyRowInPlace, dotRows } from "../math/dense-rows.js";
import type { Matrix } from "../types.js";
import { checkPairedViews, copyViews } from "./embeddings.js";
import { type ResolvedScale, SIGLIP_LOGIT_BIAS_INIT, SIGLIP_LOGIT_SCALE_INIT } from "./logit-scale.js";
import { type Reduction, resolveScale, type Similarity, validateChoices } from "./loss-options.js";
import { type PairedViewsLossResult, pairedViewsLoss } from "./paired-views-result.js";
import { siglipBandInPlace } from "./siglip-band.js";

export interface SiglipLossOptions {
  /** Default "cosine" (open_clip normalises the features before the loss). */
  readonly similarity?: Similarity;
  /**
   * The learnable log-scale t = e^{logitScale}, clamped to [0, log 100] as open_clip does. Default log 10 (t = 10).
   * Give `temperature` instead for a fixed, unclamped t = 1/τ.
   */
  readonly logitScale?: number;
  /** Fixed t = 1/τ (τ > 0, finite); excludes logitScale; gradLogitScale is then still ∂loss/∂log t. */
  readonly temperature?: number;
  /** The learnable bias b. Default −10 (open_clip's init). */
  readonly logitBias?: number;
  /** "mean" (default): open_clip's Σ_ij ℓ_ij / N; "sum": Σ_ij ℓ_ij; "none": per row Σ_j ℓ_ij. */
  readonly reduction?: Reduction;
  /** Rows per band: memory is O(block·N), never N×N. Default 256. */
  readonly block?: number;
}

/**
 * meanLoss is Σ_ij ℓ_ij / N whatever the reduction; gradLogitScale is taken at the clamped value, as open_clip.
 * SigLIP is not an InfoNCE-type loss: it classifies each pair on its own, so miBound is null (log N − loss bounds
 * nothing). scale, logitScale: the scale t and the (clamped) log-scale used.
 */
export interface SiglipLossResult extends PairedViewsLossResult, ResolvedScale {
  readonly gradLogitBias: number;
}

const FN = "siglipLoss";

/** Why SigLIP reports no MI bound (said by the library and the CLI alike). */
export const SIGLIP_NOT_A_BOUND =
  "SigLIP is not an InfoNCE-type loss: each pair is a separate binary classification, so log N − loss is no bound on I(X;Y)";

/**
 * The SigLIP pairwise sigmoid loss (Zhai et al. 2023) with open_clip's SigLipLoss conventions, in float64 with
 * exact gradients for x, y, logit_scale and logit_bias:
 *
 *   loss = −(1/N) Σ_ij log σ( z_ij (t·sim(x_i, y_j) + b) ),  z_ij = 2·[i = j] − 1,  t = e^{logit_scale}
 *
 * computed in bands of `block` rows, so memory is O(block·N + N·D): N = 20,000 needs no 20,000² matrix.
 * @param x N×D, y N×D (row i of y is the positive of row i of x; float32 or float64).
 * @throws InfonceError E_SHAPE / E_VALUE / E_ARG as infonceLoss.
 */
export function siglipLoss(x: Matrix, y: Matrix, options: SiglipLossOptions = {}): SiglipLossResult {
  const similarity = options.similarity ?? "cosine";
  const reduction = options.reduction ?? "mean";
  validateChoices(FN, { similarity, reduction });
  const { scale, logitScale } = resolveScale(FN, options, { logitScale: SIGLIP_LOGIT_SCALE_INIT });
  const bias = options.logitBias ?? SIGLIP_LOGIT_BIAS_INIT;
  if (typeof bias !== "number" || !Number.isFinite(bias)) {
    throw new InfonceError(
      "E_VALUE",
      `${FN}: logitBias = ${bias}; it must be a finite number (open_clip starts at −10)`,
    );
  }
  const block = options.block ?? 256;
  if (!Number.isInteger(block) || block < 1) {
    throw new InfonceError("E_ARG", `${FN}: block = ${block}; it must be an integer ≥ 1 (rows per band)`);
  }
  const { N, D } = checkPairedViews(x, y, FN, "y must hold one positive per row of x, as wide as x");
  const normalize = similarity === "cosine";
  const views = copyViews(x, y, normalize, FN);
  const { xs, ys } = views;

  // ∂loss/∂u has weight 1/N for "mean" and 1 for "sum"/"none" (the gradient of the summed per-row losses).
  const weight = reduction === "mean" ? 1 / N : 1;
  const gx = new Float64Array(N * D);
  const gy = new Float64Array(N * D);
  const rowLoss = new Float64Array(N);
  const band = new Float64Array(Math.min(block, N) * N);
  let total = 0;
  let gradBias = 0;
  let gradLogScale = 0;
  for (let r0 = 0; r0 < N; r0 += block) {
    const rows = Math.min(block, N - r0);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < N; j++) {
        const v = scale * dotRows(xs, (r0 + i) * D, ys, j * D, D);
        if (!Number.isFinite(v)) {
          throw new InfonceError(
            "E_VALUE",
            `${FN}: the logit of x row ${r0 + i} and y row ${j} is ${v} and overflows float64; scale the embeddings down or lower the scale`,
          );
        }
        band[i * N + j] = v;
      }
    }
    const sums = siglipBandInPlace(band, rows, N, r0, bias, weight, rowLoss);
    total += sums.loss;
    gradBias += sums.gradBias;
    gradLogScale += sums.gradLogScale;
    // u = t·x̂_i·ŷ_j + b: ∂/∂x̂_i = t Σ_j g_ij ŷ_j, ∂/∂ŷ_j = t Σ_i g_ij x̂_i.
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < N; j++) {
        const g = (band[i * N + j] as number) * scale;
        if (g === 0) continue;
        axpyRowInPlace(g, ys, j * D, gx, (r0 + i) * D, D);
        axpyRowInPlace(g, xs, (r0 + i) * D, gy, j * D, D);
      }
    }
  }
  return {
    ...pairedViewsLoss(reduction, rowLoss, total, views, normalize, gx, gy),
    gradLogitScale: gradLogScale,
    gradLogitBias: gradBias,
    scale,
    logitScale,
    miBound: null,
    message: SIGLIP_NOT_A_BOUND,
  };
}
