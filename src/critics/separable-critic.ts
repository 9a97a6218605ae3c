import { InfonceError } from "../errors.js";
import type { Rng } from "../math/rng.js";
import { linearInit } from "../nn/linear-init.js";
import { Mlp, type MlpSpec } from "../nn/mlp.js";
import { ParameterBuffer } from "../nn/parameter-buffer.js";
import type { Activation, Kernel } from "../types.js";
import type { Critic } from "./critic.js";

/** How two embeddings u = g(x), v = h(y) become a score (docs/bounds.md; cosine/τ as in CLIP, Radford et al. 2021). */
export type Similarity = "dot" | "cosine" | "bilinear";

export interface SeparableCriticOptions {
  readonly dimX: number;
  readonly dimY: number;
  /** Hidden layer widths of each encoder. */
  readonly hidden: readonly number[];
  /** Embedding size E. */
  readonly embed: number;
  readonly activation: Activation;
  readonly similarity: Similarity;
  /**
   * Temperature τ (scores are divided by it). Default: 1 for dot and bilinear (Poole et al. 2019's separable
   * critic), 0.07 for cosine (CLIP's initial value).
   */
  readonly temperature?: number;
  /**
   * Learn the temperature as CLIP does: a parameter t = log(1/τ), clamped to [0, ln 100] after every step
   * (open_clip's logit_scale). Default: true for cosine, false otherwise.
   */
  readonly learnTemperature?: boolean;
}

/** ln 100: open_clip clamps the learnable log-scale to [0, ln 100], i.e. τ ∈ [0.01, 1]. */
const MAX_LOG_SCALE = Math.log(100);

/**
 * The separable critic: f(x, y) = sim(g(x), h(y)) / τ with two MLP encoders g: dimX → E, h: dimY → E.
 * - dot:      S = (1/τ) U Vᵀ
 * - cosine:   S = (1/τ) Û V̂ᵀ with rows L2-normalised (F.normalize, eps 1e-12)
 * - bilinear: S = (1/τ) U W Vᵀ, W E×E initialised as nn.Linear(E, E) (U(−1/√E, 1/√E))
 * K×K scores cost 2K²E flops after the 2K encoder passes, the reason this critic scales to large batches.
 */
export class SeparableCritic implements Critic {
  readonly kind = "separable" as const;
  readonly dimX: number;
  readonly dimY: number;
  readonly parameters: ParameterBuffer;
  private readonly encX: Mlp;
  private readonly encY: Mlp;
  private readonly embed: number;
  private readonly similarity: Similarity;
  private readonly learnTemperature: boolean;
  private readonly fixedScale: number;
  /** log(1/τ) when learned (a view of one parameter), else empty. */
  private readonly logScale: Float32Array;
  private readonly gradLogScale: Float32Array;
  private readonly bilinear: Float32Array;
  private readonly gradBilinear: Float32Array;
  private readonly kernel: Kernel;
  // Work buffers, grown to the largest K seen.
  private capacity = 0;
  private s = new Float32Array(0);
  private uHat = new Float32Array(0);
  private vHat = new Float32Array(0);
  private uNorms = new Float32Array(0);
  private vNorms = new Float32Array(0);
  private uw = new Float32Array(0);
  private gradU = new Float32Array(0);
  private gradV = new Float32Array(0);
  private gradUw = new Float32Array(0);
  private gradUHat = new Float32Array(0);
  private gradVHat = new Float32Array(0);
  private u: Float32Array = new Float32Array(0);
  private v: Float32Array = new Float32Array(0);
  private k = 0;
  private scale = 1;

  constructor(
    private readonly options: SeparableCriticOptions,
    rng: Rng,
    kernel: Kernel,
  ) {
    const { dimX, dimY, embed, similarity } = options;
    if (!["dot", "cosine", "bilinear"].includes(similarity)) {
      throw new InfonceError("E_ARG", `similarity must be dot, cosine or bilinear, got "${String(similarity)}"`);
    }
    const tau = options.temperature ?? (similarity === "cosine" ? 0.07 : 1);
    if (!(tau > 0 && Number.isFinite(tau))) {
      throw new InfonceError("E_VALUE", `temperature must be finite and > 0, got ${tau}`);
    }
    this.dimX = dimX;
    this.dimY = dimY;
    this.embed = embed;
    this.similarity = similarity;
    this.kernel = kernel;
    this.learnTemperature = options.learnTemperature ?? similarity === "cosine";
    this.fixedScale = 1 / tau;
    const specX: MlpSpec = { inDim: dimX, hidden: options.hidden, outDim: embed, activation: options.activation };
    const specY: MlpSpec = { ...specX, inDim: dimY };
    const nW = similarity === "bilinear" ? embed * embed : 0;
    const nT = this.learnTemperature ? 1 : 0;
    this.parameters = new ParameterBuffer(Mlp.parameterCount(specX) + Mlp.parameterCount(specY) + nW + nT);
    this.encX = new Mlp(specX, this.parameters, rng, kernel);
    this.encY = new Mlp(specY, this.parameters, rng, kernel);
    const w = this.parameters.take(nW);
    this.bilinear = w.values;
    this.gradBilinear = w.grads;
    if (nW > 0) linearInit(this.bilinear, null, embed, rng);
    const t = this.parameters.take(nT);
    this.logScale = t.values;
    this.gradLogScale = t.grads;
    if (nT > 0) this.logScale[0] = Math.min(MAX_LOG_SCALE, Math.max(0, Math.log(1 / tau)));
  }

  private ensure(k: number): void {
    if (k <= this.capacity) return;
    this.capacity = k;
    const e = this.embed;
    this.s = new Float32Array(k * k);
    this.gradU = new Float32Array(k * e);
    this.gradV = new Float32Array(k * e);
    if (this.similarity === "cosine") {
      this.uHat = new Float32Array(k * e);
      this.vHat = new Float32Array(k * e);
      this.uNorms = new Float32Array(k);
      this.vNorms = new Float32Array(k);
      this.gradUHat = new Float32Array(k * e);
      this.gradVHat = new Float32Array(k * e);
    }
    if (this.similarity === "bilinear") {
      this.uw = new Float32Array(k * e);
      this.gradUw = new Float32Array(k * e);
    }
  }

  /** The current temperature τ (learned or fixed). */
  get temperature(): number {
    return 1 / this.currentScale();
  }

  private currentScale(): number {
    return this.learnTemperature ? Math.exp(this.logScale[0] as number) : this.fixedScale;
  }

  scores(x: Float32Array, y: Float32Array, k: number): Float32Array {
    this.ensure(k);
    const kern = this.kernel;
    const e = this.embed;
    this.k = k;
    this.scale = this.currentScale();
    this.u = this.encX.forward(x, k);
    this.v = this.encY.forward(y, k);
    let left = this.u;
    let right = this.v;
    if (this.similarity === "cosine") {
      kern.normalizeRows(this.u, k, e, 1e-12, this.uHat, this.uNorms);
      kern.normalizeRows(this.v, k, e, 1e-12, this.vHat, this.vNorms);
      left = this.uHat;
      right = this.vHat;
    } else if (this.similarity === "bilinear") {
      kern.gemm(false, false, k, e, e, 1, this.u, this.bilinear, 0, this.uw);
      left = this.uw;
    }
    kern.gemm(false, true, k, k, e, this.scale, left, right, 0, this.s);
    return this.s;
  }

  backward(gradS: Float32Array): void {
    const kern = this.kernel;
    const k = this.k;
    const e = this.embed;
    const sc = this.scale;
    const cos = this.similarity === "cosine";
    const bil = this.similarity === "bilinear";
    const left = cos ? this.uHat : bil ? this.uw : this.u;
    const right = cos ? this.vHat : this.v;
    // S = sc · L Rᵀ: ∂L = sc · G R, ∂R = sc · Gᵀ L; and ∂S/∂t = S for the log-scale t (S ∝ e^t).
    const gLeft = bil ? this.gradUw : cos ? this.gradUHat : this.gradU;
    const gRight = cos ? this.gradVHat : this.gradV;
    kern.gemm(false, false, k, e, k, sc, gradS, right, 0, gLeft);
    kern.gemm(true, false, k, e, k, sc, gradS, left, 0, gRight);
    if (this.learnTemperature) kern.gemm(false, true, 1, 1, k * k, 1, gradS, this.s, 0, this.gradLogScale);
    if (bil) {
      // UW = U·W: ∂W = Uᵀ ∂(UW), ∂U = ∂(UW) Wᵀ.
      kern.gemm(true, false, e, e, k, 1, this.u, this.gradUw, 0, this.gradBilinear);
      kern.gemm(false, true, k, e, e, 1, this.gradUw, this.bilinear, 0, this.gradU);
    }
    if (cos) {
      kern.normalizeRowsBackward(this.gradUHat, this.uHat, this.uNorms, k, e, 1e-12, this.gradU);
      kern.normalizeRowsBackward(this.gradVHat, this.vHat, this.vNorms, k, e, 1e-12, this.gradV);
    }
    this.encX.backward(this.gradU, k, false);
    this.encY.backward(this.gradV, k, false);
  }

  afterStep(): void {
    if (this.learnTemperature) {
      const t = this.logScale[0] as number;
      this.logScale[0] = Math.min(MAX_LOG_SCALE, Math.max(0, t));
    }
  }

  describe(): Readonly<Record<string, unknown>> {
    return {
      critic: "separable",
      similarity: this.similarity,
      hidden: [...this.options.hidden],
      embed: this.embed,
      activation: this.options.activation,
      temperature: this.temperature,
      learnTemperature: this.learnTemperature,
      parameters: this.parameters.size,
    };
  }
}
