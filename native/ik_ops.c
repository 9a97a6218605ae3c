/*
 * The fused per-step kernels of neural training besides GEMM: bias + activation and its backward, column sums,
 * the bounds' S → (value, ∂S), Adam, and row normalisation. Loops are written plainly over contiguous rows so the
 * compiler vectorises them; reductions that decide a reported number accumulate in double.
 */
#include "ik_internal.h"
#include "ik_math.h"

IK_CLONES void ik_bias_activation(float *z, const float *bias, int rows, int cols, int act, float *out) {
  for (int i = 0; i < rows; i++) {
    float *zr = z + (long)i * cols;
    float *o = out + (long)i * cols;
    for (int j = 0; j < cols; j++) zr[j] += bias[j];
    switch (act) {
      case IK_RELU: /* branch-free (vectorised): signs of pre-activations are random, branches would mispredict */
        for (int j = 0; j < cols; j++) {
          const float v = zr[j];
          o[j] = v > 0.0f ? v : 0.0f;
        }
        break;
      case IK_ELU: /* α = 1 (Clevert et al. 2016) */
        for (int j = 0; j < cols; j++) o[j] = zr[j] > 0.0f ? zr[j] : (float)ik_expm1(zr[j]);
        break;
      case IK_TANH:
        for (int j = 0; j < cols; j++) o[j] = (float)ik_tanh(zr[j]);
        break;
      case IK_SOFTPLUS: {
        int j = 0;
        for (; j + 8 <= cols; j += 8) ik_v8_store(o + j, ik_softplusf8(ik_v8_load(zr + j)));
        for (; j < cols; j++) o[j] = ik_softplusf(zr[j]);
        break;
      }
      default: /* identity */
        if (o != zr) {
          for (int j = 0; j < cols; j++) o[j] = zr[j];
        }
        break;
    }
  }
}

IK_CLONES void ik_activation_backward(const float *z, const float *a, const float *grad_out, int rows, int cols, int act,
                            float *grad_z) {
  const long n = (long)rows * cols;
  switch (act) {
    case IK_RELU: /* derivative 0 at z = 0, as PyTorch; unconditional loads let the compiler vectorise a select */
      for (long i = 0; i < n; i++) {
        const float g = grad_out[i];
        grad_z[i] = z[i] > 0.0f ? g : 0.0f;
      }
      break;
    case IK_ELU: /* d/dz (e^z − 1) = e^z = a + 1 */
      for (long i = 0; i < n; i++) {
        const float g = grad_out[i];
        const float ge = g * (a[i] + 1.0f);
        grad_z[i] = z[i] > 0.0f ? g : ge;
      }
      break;
    case IK_TANH:
      for (long i = 0; i < n; i++) grad_z[i] = grad_out[i] * (1.0f - a[i] * a[i]);
      break;
    case IK_SOFTPLUS: { /* softplus' = sigmoid */
      long i = 0;
      for (; i + 8 <= n; i += 8) ik_v8_store(grad_z + i, ik_v8_load(grad_out + i) * ik_sigmoidf8(ik_v8_load(z + i)));
      for (; i < n; i++) grad_z[i] = grad_out[i] * ik_sigmoidf(z[i]);
      break;
    }
    default:
      if (grad_z != grad_out) {
        for (long i = 0; i < n; i++) grad_z[i] = grad_out[i];
      }
      break;
  }
}

IK_CLONES void ik_column_sums(const float *m, int rows, int cols, float *out) {
  /* Double accumulators, 512 columns at a time on the stack (no allocation). */
  double acc[512];
  for (int j0 = 0; j0 < cols; j0 += 512) {
    const int w = cols - j0 < 512 ? cols - j0 : 512;
    for (int j = 0; j < w; j++) acc[j] = 0.0;
    for (int i = 0; i < rows; i++) {
      const float *r = m + (long)i * cols + j0;
      for (int j = 0; j < w; j++) acc[j] += r[j];
    }
    for (int j = 0; j < w; j++) out[j0 + j] = (float)acc[j];
  }
}

/* σ(x) in float, branch-free: ik_expf saturates to 0 / +Inf, and 1/(1+Inf) = 0. */
static inline float sigmoidf(float x) { return 1.0f / (1.0f + ik_expf(-x)); }

/*
 * log Σ_{j≠i} e^{c(S_ij)} over the off-diagonal entries, max-shifted (c clips to [−tau, tau] when tau > 0).
 * With grad != NULL also writes grad_ij = −e^{c(S_ij)} / Σ (the gradient of −lse), diagonal untouched.
 */
IK_CLONES static double offdiag_lse(const float *s, int K, int M, float tau, float *grad) {
  float mx = -__builtin_inff();
  for (int i = 0; i < K; i++) {
    const float *r = s + (long)i * M;
    for (int j = 0; j < M; j++) {
      if (j == i) continue;
      float x = tau > 0.0f ? (r[j] > tau ? tau : (r[j] < -tau ? -tau : r[j])) : r[j];
      mx = x > mx ? x : mx;
    }
  }
  double sum = 0.0;
  for (int i = 0; i < K; i++) {
    const float *r = s + (long)i * M;
    for (int j = 0; j < M; j++) {
      if (j == i) continue;
      float x = tau > 0.0f ? (r[j] > tau ? tau : (r[j] < -tau ? -tau : r[j])) : r[j];
      float e = ik_expf(x - mx);
      sum += e;
      if (grad != NULL) grad[(long)i * M + j] = e;
    }
  }
  if (grad != NULL) {
    const float scale = (float)(-1.0 / sum);
    for (int i = 0; i < K; i++) {
      for (int j = 0; j < M; j++) {
        if (j != i) grad[(long)i * M + j] *= scale;
      }
    }
  }
  return (double)mx + ik_log(sum);
}

IK_CLONES double ik_bound(int bound, const float *s, int K, int M, double param, float *g) {
  const double nan = __builtin_nan("");
  if (K <= 0 || M < K) return nan;
  const long km = (long)K * M;
  for (long t = 0; t < km; t++) {
    if (!ik_isfinitef(s[t])) return nan;
  }
  const double n_off = (double)K * (double)(M - 1);
  double diag = 0.0;
  for (int i = 0; i < K; i++) diag += s[(long)i * M + i];
  const double mean_diag = diag / K;

  if (bound == IK_INFONCE) { /* log M + (1/K) Σ_i (S_ii − logsumexp_j S_ij); ∂ = (1/K)([i=j] − softmax) */
    double total = 0.0;
    const float inv_k = 1.0f / (float)K;
    for (int i = 0; i < K; i++) {
      const float *r = s + (long)i * M;
      float *gr = g + (long)i * M;
      const float mx = ik_max(r, M);
      for (int j = 0; j < M; j++) gr[j] = r[j];
      const double sum = ik_exp_shift_sum(gr, M, mx);
      const double lse = (double)mx + ik_log(sum);
      total += (double)r[i] - lse;
      const float scale = (float)(-1.0 / (sum * K));
      for (int j = 0; j < M; j++) gr[j] *= scale;
      gr[i] += inv_k;
    }
    return ik_log((double)M) + total / K;
  }
  if (n_off < 1.0) return nan; /* every other bound needs a negative */

  if (bound == IK_NWJ) { /* mean S_ii − e^{−1} mean_{j≠i} e^{S_ij} */
    const double lse = offdiag_lse(s, K, M, 0.0f, g);
    const double mean_exp = ik_exp(lse - 1.0 - ik_log(n_off)); /* e^{−1} · mean e^{S} */
    /* ∂/∂S_ij = −e^{S_ij − 1}/n_off = (−e^{S_ij}/Σ) · (Σ e^{S} e^{−1}/n_off) */
    const float scale = (float)mean_exp;
    for (int i = 0; i < K; i++) {
      for (int j = 0; j < M; j++) g[(long)i * M + j] = j == i ? 1.0f / (float)K : g[(long)i * M + j] * scale;
    }
    return mean_diag - mean_exp;
  }
  if (bound == IK_DV) { /* mean S_ii − lme_{j≠i} S_ij */
    const double lse = offdiag_lse(s, K, M, 0.0f, g);
    for (int i = 0; i < K; i++) g[(long)i * M + i] = 1.0f / (float)K;
    return mean_diag - (lse - ik_log(n_off));
  }
  if (bound == IK_JS || bound == IK_SMILE) {
    double value;
    if (bound == IK_JS) { /* NWJ on f + 1: 1 + mean S_ii − mean_{j≠i} e^{S_ij} */
      value = 1.0 + mean_diag - ik_exp(offdiag_lse(s, K, M, 0.0f, NULL) - ik_log(n_off));
    } else { /* mean S_ii − lme_{j≠i} clip(S_ij, −τ, τ); τ ≤ 0 or ∞ means no clip (DV's value) */
      const float tau = param > 0.0 && param < 3.4e38 ? (float)param : 0.0f;
      value = mean_diag - (offdiag_lse(s, K, M, tau, NULL) - ik_log(n_off));
    }
    /* Both train the JS objective mean_i −softplus(−S_ii) − mean_{j≠i} softplus(S_ij): ∂ = σ(−S_ii)/K, −σ(S_ij)/n_off */
    const float inv_k = 1.0f / (float)K, inv_off = (float)(1.0 / n_off);
    for (int i = 0; i < K; i++) {
      const float *r = s + (long)i * M;
      float *gr = g + (long)i * M;
      for (int j = 0; j < M; j++) gr[j] = -sigmoidf(r[j]) * inv_off;
      gr[i] = sigmoidf(-r[i]) * inv_k;
    }
    return value;
  }
  return nan;
}

IK_CLONES void ik_adam(float *p, const float *g, float *m, float *v, int n, double lr, double beta1, double beta2, double eps,
             double weight_decay, double t) {
  /* PyTorch's arrangement: p ← p(1 − lr·wd); p ← p − (lr/bc1) · m / (√v/√bc2 + eps), bc = 1 − β^t. */
  const double bc1 = 1.0 - ik_exp(t * ik_log(beta1));
  const double bc2 = 1.0 - ik_exp(t * ik_log(beta2));
  const float step = (float)(lr / bc1);
  const float inv_sqrt_bc2 = (float)(1.0 / __builtin_sqrt(bc2));
  const float b1 = (float)beta1, b2 = (float)beta2, c1 = (float)(1.0 - beta1), c2 = (float)(1.0 - beta2);
  const float e = (float)eps;
  const float decay = (float)(1.0 - lr * weight_decay);
  const int decoupled = weight_decay != 0.0; /* (−lr, −wd) is ascent (torch maximize=True): decay applies */
  for (int i = 0; i < n; i++) {
    const float gi = g[i];
    const float mi = b1 * m[i] + c1 * gi;
    const float vi = b2 * v[i] + c2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    float pi = decoupled ? p[i] * decay : p[i];
    p[i] = pi - step * mi / (__builtin_sqrtf(vi) * inv_sqrt_bc2 + e);
  }
}

IK_CLONES void ik_normalize_rows(const float *x, int rows, int cols, float eps, float *out, float *norms) {
  for (int i = 0; i < rows; i++) {
    const float *r = x + (long)i * cols;
    float *o = out + (long)i * cols;
    double ss = 0.0;
    for (int j = 0; j < cols; j++) ss += (double)r[j] * r[j];
    const double nrm = __builtin_sqrt(ss);
    norms[i] = (float)nrm;
    const double inv = 1.0 / (nrm > eps ? nrm : (double)eps);
    for (int j = 0; j < cols; j++) o[j] = (float)(r[j] * inv);
  }
}

IK_CLONES void ik_normalize_rows_backward(const float *grad_out, const float *y, const float *norms, int rows, int cols,
                                float eps, float *grad_x) {
  /* y = x/‖x‖: ∂L/∂x = (g − y (y·g)) / ‖x‖; below eps the divisor is the constant eps: ∂L/∂x = g / eps. */
  for (int i = 0; i < rows; i++) {
    const float *gr = grad_out + (long)i * cols;
    const float *yr = y + (long)i * cols;
    float *o = grad_x + (long)i * cols;
    const double nrm = norms[i];
    if (nrm > eps) {
      double dot = 0.0;
      for (int j = 0; j < cols; j++) dot += (double)yr[j] * gr[j];
      const double inv = 1.0 / nrm;
      for (int j = 0; j < cols; j++) o[j] = (float)((gr[j] - yr[j] * dot) * inv);
    } else {
      const double inv = 1.0 / eps;
      for (int j = 0; j < cols; j++) o[j] = (float)(gr[j] * inv);
    }
  }
}
