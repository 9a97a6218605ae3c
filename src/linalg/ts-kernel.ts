import type { BoundSpec } from "../bounds/bound-spec.js";
import { checkScoresFinite } from "../bounds/check-score-matrix.js";
import { BOUNDS, boundSpec } from "../bounds/registry.js";
import type { Kernel } from "../types.js";
import { checkedKernel } from "./checked-kernel.js";

/**
 * The pure-TypeScript Kernel: the readable oracle the WebAssembly and native engines must match.
 * Storage is float32 (every write to a Float32Array rounds to float32); arithmetic in between is float64,
 * so sums are at least as accurate as a float32 BLAS. The kernel owns small float64 scratch buffers that grow to
 * the largest shape seen and are then reused: no allocation per call once shapes are fixed.
 * Bounds are the registry's own implementations (src/bounds/); `bounds` replaces the registry (a test's toy bound).
 * Arguments are checked in front of it as for every engine (checked-kernel.ts), so the functions below trust them.
 */
export function createTsKernel(bounds: readonly BoundSpec[] = BOUNDS): Kernel {
  let colScratch = new Float64Array(0);
  let boundGrad = new Float64Array(0);

  const kernel: Kernel = {
    engine: "ts",
    gemm,
    biasActivation,
    activationBackward,
    columnSums(m, rows, cols, out) {
      if (colScratch.length < cols) colScratch = new Float64Array(cols);
      const acc = colScratch;
      acc.fill(0, 0, cols);
      for (let i = 0; i < rows; i++) {
        const o = i * cols;
        for (let j = 0; j < cols; j++) acc[j] = (acc[j] as number) + (m[o + j] as number);
      }
      for (let j = 0; j < cols; j++) out[j] = acc[j] as number;
    },
    bound(name, s, rows, cols, param, gradOut) {
      const spec = boundSpec(name, bounds);
      const size = rows * cols;
      checkScoresFinite(s, size, cols, `bound ${name}`);
      // The bound works in float64 (it reads back what it wrote); the float32 gradient is rounded once at the end.
      if (boundGrad.length < size) boundGrad = new Float64Array(size);
      const value = spec.valueAndGradient(s, rows, cols, param, boundGrad);
      for (let p = 0; p < size; p++) gradOut[p] = boundGrad[p] as number;
      return value;
    },
    adam,
    normalizeRows,
    normalizeRowsBackward,
  };
  return checkedKernel(kernel, bounds);
}

/** Block sizes: a KC×NC panel of B (float32) is 64 KiB, which stays in L2 while rows of A stream past it. */
const KC = 128;
const NC = 128;

/**
 * C = alpha · op(A) · op(B) + beta · C (BLAS sgemm semantics on contiguous row-major float32 storage):
 * op(A) is m×k (stored m×k, or k×m when transA), op(B) is k×n (stored k×n, or n×k when transB), C is m×n.
 * beta = 0 overwrites C (NaN in C does not propagate), as BLAS does.
 * B-not-transposed cases run a 4×4 register-blocked rank-4 update over KC×NC panels (rows of B and C contiguous);
 * B-transposed cases are dot products of contiguous rows, 2×2 register-blocked.
 */
const gemm: Kernel["gemm"] = (transA, transB, m, n, k, alpha, a, b, beta, c) => {
  const size = m * n;
  if (beta === 0) c.fill(0, 0, size);
  else if (beta !== 1) for (let p = 0; p < size; p++) c[p] = beta * (c[p] as number);
  if (alpha === 0 || k === 0) return;
  if (!transB) {
    // A(i, p) = a[i*ai + p*ap]
    const ai = transA ? 1 : k;
    const ap = transA ? m : 1;
    gemmBRows(m, n, k, alpha, a, ai, ap, b, c);
  } else if (!transA) {
    gemmDotRows(m, n, k, alpha, a, b, c);
  } else {
    // TT: not needed by training; plain strided dot products.
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let acc = 0;
        for (let p = 0; p < k; p++) acc += (a[p * m + i] as number) * (b[j * k + p] as number);
        c[i * n + j] = (c[i * n + j] as number) + alpha * acc;
      }
    }
  }
};

/** C += alpha · A · B with B stored k×n (rows contiguous); A addressed through strides (NN and TN). */
function gemmBRows(
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float32Array,
  ai: number,
  ap: number,
  b: Float32Array,
  c: Float32Array,
): void {
  for (let p0 = 0; p0 < k; p0 += KC) {
    const p1 = Math.min(k, p0 + KC);
    for (let j0 = 0; j0 < n; j0 += NC) {
      const j1 = Math.min(n, j0 + NC);
      let i = 0;
      for (; i + 4 <= m; i += 4) {
        const c0 = i * n;
        const c1 = c0 + n;
        const c2 = c1 + n;
        const c3 = c2 + n;
        let p = p0;
        for (; p + 4 <= p1; p += 4) {
          const a0 = alpha * (a[i * ai + p * ap] as number);
          const a1 = alpha * (a[i * ai + (p + 1) * ap] as number);
          const a2 = alpha * (a[i * ai + (p + 2) * ap] as number);
          const a3 = alpha * (a[i * ai + (p + 3) * ap] as number);
          const e0 = alpha * (a[(i + 1) * ai + p * ap] as number);
          const e1 = alpha * (a[(i + 1) * ai + (p + 1) * ap] as number);
          const e2 = alpha * (a[(i + 1) * ai + (p + 2) * ap] as number);
          const e3 = alpha * (a[(i + 1) * ai + (p + 3) * ap] as number);
          const f0 = alpha * (a[(i + 2) * ai + p * ap] as number);
          const f1 = alpha * (a[(i + 2) * ai + (p + 1) * ap] as number);
          const f2 = alpha * (a[(i + 2) * ai + (p + 2) * ap] as number);
          const f3 = alpha * (a[(i + 2) * ai + (p + 3) * ap] as number);
          const g0 = alpha * (a[(i + 3) * ai + p * ap] as number);
          const g1 = alpha * (a[(i + 3) * ai + (p + 1) * ap] as number);
          const g2 = alpha * (a[(i + 3) * ai + (p + 2) * ap] as number);
          const g3 = alpha * (a[(i + 3) * ai + (p + 3) * ap] as number);
          const b0 = p * n;
          const b1 = b0 + n;
          const b2 = b1 + n;
          const b3 = b2 + n;
          for (let j = j0; j < j1; j++) {
            const x0 = b[b0 + j] as number;
            const x1 = b[b1 + j] as number;
            const x2 = b[b2 + j] as number;
            const x3 = b[b3 + j] as number;
            c[c0 + j] = (c[c0 + j] as number) + (a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3);
            c[c1 + j] = (c[c1 + j] as number) + (e0 * x0 + e1 * x1 + e2 * x2 + e3 * x3);
            c[c2 + j] = (c[c2 + j] as number) + (f0 * x0 + f1 * x1 + f2 * x2 + f3 * x3);
            c[c3 + j] = (c[c3 + j] as number) + (g0 * x0 + g1 * x1 + g2 * x2 + g3 * x3);
          }
        }
        for (; p < p1; p++) {
          const a0 = alpha * (a[i * ai + p * ap] as number);
          const a1 = alpha * (a[(i + 1) * ai + p * ap] as number);
          const a2 = alpha * (a[(i + 2) * ai + p * ap] as number);
          const a3 = alpha * (a[(i + 3) * ai + p * ap] as number);
          const b0 = p * n;
          for (let j = j0; j < j1; j++) {
            const x = b[b0 + j] as number;
            c[c0 + j] = (c[c0 + j] as number) + a0 * x;
            c[c1 + j] = (c[c1 + j] as number) + a1 * x;
            c[c2 + j] = (c[c2 + j] as number) + a2 * x;
            c[c3 + j] = (c[c3 + j] as number) + a3 * x;
          }
        }
      }
      for (; i < m; i++) {
        const c0 = i * n;
        let p = p0;
        for (; p + 4 <= p1; p += 4) {
          const a0 = alpha * (a[i * ai + p * ap] as number);
          const a1 = alpha * (a[i * ai + (p + 1) * ap] as number);
          const a2 = alpha * (a[i * ai + (p + 2) * ap] as number);
          const a3 = alpha * (a[i * ai + (p + 3) * ap] as number);
          const b0 = p * n;
          const b1 = b0 + n;
          const b2 = b1 + n;
          const b3 = b2 + n;
          for (let j = j0; j < j1; j++) {
            c[c0 + j] =
              (c[c0 + j] as number) +
              (a0 * (b[b0 + j] as number) +
                a1 * (b[b1 + j] as number) +
                a2 * (b[b2 + j] as number) +
                a3 * (b[b3 + j] as number));
          }
        }
        for (; p < p1; p++) {
          const a0 = alpha * (a[i * ai + p * ap] as number);
          const b0 = p * n;
          for (let j = j0; j < j1; j++) c[c0 + j] = (c[c0 + j] as number) + a0 * (b[b0 + j] as number);
        }
      }
    }
  }
}

/** C += alpha · A · Bᵀ with A stored m×k and B stored n×k: dot products of contiguous rows, 2×2 blocked. */
function gemmDotRows(
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
): void {
  for (let j0 = 0; j0 < n; j0 += 32) {
    const j1 = Math.min(n, j0 + 32);
    let i = 0;
    for (; i + 2 <= m; i += 2) {
      const r0 = i * k;
      const r1 = r0 + k;
      let j = j0;
      for (; j + 2 <= j1; j += 2) {
        const q0 = j * k;
        const q1 = q0 + k;
        let s00 = 0;
        let s01 = 0;
        let s10 = 0;
        let s11 = 0;
        for (let p = 0; p < k; p++) {
          const x0 = a[r0 + p] as number;
          const x1 = a[r1 + p] as number;
          const y0 = b[q0 + p] as number;
          const y1 = b[q1 + p] as number;
          s00 += x0 * y0;
          s01 += x0 * y1;
          s10 += x1 * y0;
          s11 += x1 * y1;
        }
        c[i * n + j] = (c[i * n + j] as number) + alpha * s00;
        c[i * n + j + 1] = (c[i * n + j + 1] as number) + alpha * s01;
        c[(i + 1) * n + j] = (c[(i + 1) * n + j] as number) + alpha * s10;
        c[(i + 1) * n + j + 1] = (c[(i + 1) * n + j + 1] as number) + alpha * s11;
      }
      for (; j < j1; j++) {
        const q0 = j * k;
        let s0 = 0;
        let s1 = 0;
        for (let p = 0; p < k; p++) {
          const y = b[q0 + p] as number;
          s0 += (a[r0 + p] as number) * y;
          s1 += (a[r1 + p] as number) * y;
        }
        c[i * n + j] = (c[i * n + j] as number) + alpha * s0;
        c[(i + 1) * n + j] = (c[(i + 1) * n + j] as number) + alpha * s1;
      }
    }
    for (; i < m; i++) {
      const r0 = i * k;
      for (let j = j0; j < j1; j++) {
        const q0 = j * k;
        let s = 0;
        for (let p = 0; p < k; p++) s += (a[r0 + p] as number) * (b[q0 + p] as number);
        c[i * n + j] = (c[i * n + j] as number) + alpha * s;
      }
    }
  }
}

/**
 * z[i,j] += bias[j], then out = act(z). ELU has α = 1; softplus has β = 1 and is computed stably
 * (max(x, 0) + log1p(e^{−|x|}), exact to float32 where PyTorch switches to x above 20).
 */
const biasActivation: Kernel["biasActivation"] = (z, bias, rows, cols, act, out) => {
  const size = rows * cols;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) z[o + j] = (z[o + j] as number) + (bias[j] as number);
  }
  switch (act) {
    case "identity":
      if (out !== z) for (let p = 0; p < size; p++) out[p] = z[p] as number;
      return;
    case "relu":
      for (let p = 0; p < size; p++) {
        const v = z[p] as number;
        out[p] = Math.max(v, 0);
      }
      return;
    case "elu":
      for (let p = 0; p < size; p++) {
        const v = z[p] as number;
        out[p] = v > 0 ? v : Math.expm1(v);
      }
      return;
    case "tanh":
      for (let p = 0; p < size; p++) out[p] = Math.tanh(z[p] as number);
      return;
    case "softplus":
      for (let p = 0; p < size; p++) {
        const v = z[p] as number;
        out[p] = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
      }
      return;
  }
};

/**
 * gradZ = gradOut ⊙ act'(z), using whichever of z (pre-activation) and a (post-activation) gives the derivative
 * most cheaply: ReLU [z > 0]; ELU 1 or a + 1 = e^z; tanh 1 − a²; softplus σ(z).
 */
const activationBackward: Kernel["activationBackward"] = (z, a, gradOut, rows, cols, act, gradZ) => {
  const size = rows * cols;
  switch (act) {
    case "identity":
      if (gradZ !== gradOut) for (let p = 0; p < size; p++) gradZ[p] = gradOut[p] as number;
      return;
    case "relu":
      for (let p = 0; p < size; p++) gradZ[p] = (z[p] as number) > 0 ? (gradOut[p] as number) : 0;
      return;
    case "elu":
      for (let p = 0; p < size; p++) {
        const g = gradOut[p] as number;
        gradZ[p] = (z[p] as number) > 0 ? g : g * ((a[p] as number) + 1);
      }
      return;
    case "tanh":
      for (let p = 0; p < size; p++) {
        const t = a[p] as number;
        gradZ[p] = (gradOut[p] as number) * (1 - t * t);
      }
      return;
    case "softplus":
      for (let p = 0; p < size; p++) {
        const v = z[p] as number;
        const sig = v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
        gradZ[p] = (gradOut[p] as number) * sig;
      }
      return;
  }
};

/**
 * Adam (Kingma & Ba 2015) as torch.optim.Adam / AdamW compute it: decoupled weight decay first
 * (param ← param·(1 − lr·wd), Loshchilov & Hutter 2019), then m ← β1 m + (1−β1) g, v ← β2 v + (1−β2) g²,
 * param ← param − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + eps).
 * Ascent (torch's maximize=True) is the call with (−lr, −weightDecay): the decay factor 1 − lr·wd is unchanged
 * and the step changes sign; so any weightDecay ≠ 0 applies the decay.
 */
const adam: Kernel["adam"] = (param, grad, m, v, lr, beta1, beta2, eps, weightDecay, t) => {
  const n = param.length;
  const bc1 = 1 - beta1 ** t;
  const sqrtBc2 = Math.sqrt(1 - beta2 ** t);
  const stepSize = lr / bc1;
  const decay = 1 - lr * weightDecay;
  for (let p = 0; p < n; p++) {
    const g = grad[p] as number;
    const mp = beta1 * (m[p] as number) + (1 - beta1) * g;
    const vp = beta2 * (v[p] as number) + (1 - beta2) * g * g;
    m[p] = mp;
    v[p] = vp;
    // Use the float32-rounded moments, as a float32 framework would.
    const w = weightDecay !== 0 ? decay * (param[p] as number) : (param[p] as number);
    param[p] = w - (stepSize * (m[p] as number)) / (Math.sqrt(v[p] as number) / sqrtBc2 + eps);
  }
};

/** out[i,:] = x[i,:] / max(‖x[i,:]‖, eps), norms[i] = ‖x[i,:]‖ (F.normalize semantics). */
const normalizeRows: Kernel["normalizeRows"] = (x, rows, cols, eps, out, norms) => {
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let ss = 0;
    for (let j = 0; j < cols; j++) ss += (x[o + j] as number) ** 2;
    const nrm = Math.sqrt(ss);
    norms[i] = nrm;
    const d = Math.max(nrm, eps);
    for (let j = 0; j < cols; j++) out[o + j] = (x[o + j] as number) / d;
  }
};

/**
 * Backward of normalizeRows. For ‖x‖ > eps, y = x/‖x‖ and ∂y/∂x = (I − y yᵀ)/‖x‖, so gradX = (g − y (y·g)) / ‖x‖;
 * below eps the divisor is the constant eps and gradX = g / eps. gradX may alias gradOut.
 */
const normalizeRowsBackward: Kernel["normalizeRowsBackward"] = (gradOut, normalized, norms, rows, cols, eps, gradX) => {
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    const nrm = norms[i] as number;
    if (nrm > eps) {
      let dot = 0;
      for (let j = 0; j < cols; j++) dot += (normalized[o + j] as number) * (gradOut[o + j] as number);
      for (let j = 0; j < cols; j++) {
        gradX[o + j] = ((gradOut[o + j] as number) - (normalized[o + j] as number) * dot) / nrm;
      }
    } else {
      for (let j = 0; j < cols; j++) gradX[o + j] = (gradOut[o + j] as number) / eps;
    }
  }
};

/** The shared default TypeScript kernel. */
export const tsKernel: Kernel = createTsKernel();
