/*
 * Elementary functions for the kernels, written out so that the addon and the WebAssembly module (built with
 * -nostdlib, no libm) compute the same thing from the same source.
 *
 * Double versions (exp, log, log1p, expm1, tanh) are accurate to a few ulp: Cody–Waite range reduction
 * x = k·ln2 + r with a split ln2, then a Taylor polynomial on |r| ≤ ln2/2 (exp) or the atanh series on
 * s = (m−1)/(m+1), |s| ≤ 0.172 (log). ik_expf is the float exp used in the wide softmax of the blockwise loss:
 * branch-free so that compilers vectorise it, ≈ 2 ulp on the range that matters (x ≤ 0 there).
 */
#ifndef IK_MATH_H
#define IK_MATH_H

#include <stdint.h>

static inline double ik_bits_to_double(uint64_t u) {
  double d;
  __builtin_memcpy(&d, &u, sizeof d);
  return d;
}
static inline uint64_t ik_double_to_bits(double d) {
  uint64_t u;
  __builtin_memcpy(&u, &d, sizeof u);
  return u;
}
static inline float ik_bits_to_float(uint32_t u) {
  float f;
  __builtin_memcpy(&f, &u, sizeof f);
  return f;
}

#define IK_LN2_HI 6.93147180369123816490e-01 /* ln 2 with its low 32 bits zero: k·LN2_HI is exact */
#define IK_LN2_LO 1.90821492927058770002e-10
#define IK_INV_LN2 1.44269504088896338700e+00

static inline int ik_isfinite(double x) { return x - x == 0.0; }
static inline int ik_isfinitef(float x) { return x - x == 0.0f; }

/* 2^k for integer k in [-1074, 1023], exact (two factors cover the subnormal range). */
static inline double ik_pow2i(int k) {
  if (k < -1022) {
    return ik_bits_to_double((uint64_t)(k + 54 + 1023) << 52) * ik_bits_to_double((uint64_t)(-54 + 1023) << 52);
  }
  return ik_bits_to_double((uint64_t)(k + 1023) << 52);
}

static inline double ik_exp(double x) {
  if (x != x) return x;
  if (x > 709.782712893384) return __builtin_inf();
  if (x < -745.1332191019412) return 0.0;
  double kd = __builtin_floor(x * IK_INV_LN2 + 0.5);
  int k = (int)kd;
  double r = (x - kd * IK_LN2_HI) - kd * IK_LN2_LO;
  /* Taylor to r^13: the remainder r^14/14! < 5e-18 for |r| ≤ 0.35. */
  double p = 1.0 / 6227020800.0;
  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  if (k > 1023) return p * 2.0 * ik_pow2i(k - 1);
  return p * ik_pow2i(k);
}

static inline double ik_log(double x) {
  if (x != x) return x;
  if (x < 0.0) return __builtin_nan("");
  if (x == 0.0) return -__builtin_inf();
  if (x == __builtin_inf()) return x;
  int e = 0;
  if (x < 2.2250738585072014e-308) { /* subnormal: scale into the normal range first */
    x *= 18014398509481984.0;        /* 2^54 */
    e = -54;
  }
  uint64_t u = ik_double_to_bits(x);
  e += (int)((u >> 52) & 0x7ff) - 1023;
  double m = ik_bits_to_double((u & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL);
  if (m > 1.4142135623730951) {
    m *= 0.5;
    e += 1;
  }
  double s = (m - 1.0) / (m + 1.0);
  double s2 = s * s;
  /* log m = 2 atanh(s) = 2 (s + s³/3 + s⁵/5 + …); s² ≤ 0.0295, 13 terms leave < 1e-19. */
  double p = 1.0 / 25.0;
  p = p * s2 + 1.0 / 23.0;
  p = p * s2 + 1.0 / 21.0;
  p = p * s2 + 1.0 / 19.0;
  p = p * s2 + 1.0 / 17.0;
  p = p * s2 + 1.0 / 15.0;
  p = p * s2 + 1.0 / 13.0;
  p = p * s2 + 1.0 / 11.0;
  p = p * s2 + 1.0 / 9.0;
  p = p * s2 + 1.0 / 7.0;
  p = p * s2 + 1.0 / 5.0;
  p = p * s2 + 1.0 / 3.0;
  double lm = 2.0 * s + 2.0 * s * s2 * p;
  return (double)e * IK_LN2_HI + (lm + (double)e * IK_LN2_LO);
}

/* log(1 + x) without cancellation (Goldberg 1991, "What every computer scientist…", Theorem 4). */
static inline double ik_log1p(double x) {
  if (x != x) return x;
  if (x < -1.0) return __builtin_nan("");
  double ax = x < 0 ? -x : x;
  if (ax < 1e-4) return x * (1.0 + x * (-0.5 + x * (1.0 / 3.0 + x * (-0.25 + x * 0.2))));
  double u = 1.0 + x;
  if (u == __builtin_inf()) return u;
  return ik_log(u) - ((u - 1.0) - x) / u;
}

/* e^x − 1 without cancellation (Kahan's trick). */
static inline double ik_expm1(double x) {
  if (x != x) return x;
  if (x > 709.0) return ik_exp(x);
  double u = ik_exp(x);
  if (u == 1.0) return x;
  double um1 = u - 1.0;
  if (um1 == -1.0) return -1.0;
  return um1 * x / ik_log(u);
}

static inline double ik_tanh(double x) {
  if (x != x) return x;
  double ax = x < 0 ? -x : x;
  if (ax > 22.0) return x < 0 ? -1.0 : 1.0;
  double t = ik_expm1(2.0 * ax);
  double r = t / (t + 2.0);
  return x < 0 ? -r : r;
}

/*
 * Float e^x, branch-free (vectorisable). Inputs below −87.3 give 0 (they would be subnormal), above 88.7 give +Inf.
 * Round-to-nearest of x/ln2 by the 1.5·2^23 trick, Cody–Waite reduction, degree-7 Taylor (error < 2e-8 rel).
 */
static inline __attribute__((always_inline)) float ik_expf(float x) {
  const float big = 12582912.0f; /* 1.5 · 2^23 */
  float xc = x < -87.3f ? -87.3f : (x > 88.7f ? 88.7f : x);
  float kf = (xc * 1.44269504f + big) - big;
  float r = (xc - kf * 0.693145752f) - kf * 1.42860677e-6f;
  float p = 1.98412698e-4f;
  p = p * r + 1.38888889e-3f;
  p = p * r + 8.33333333e-3f;
  p = p * r + 4.16666667e-2f;
  p = p * r + 1.66666667e-1f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  int32_t ki = (int32_t)kf;
  int32_t k1 = ki >> 1; /* two factors keep 2^k representable at both ends (k = −126 … 128) */
  float y = p * ik_bits_to_float((uint32_t)(k1 + 127) << 23) * ik_bits_to_float((uint32_t)(ki - k1 + 127) << 23);
  y = x < -87.3f ? 0.0f : y;
  return x > 88.7f ? __builtin_inff() : y;
}

/* ---- 8-lane versions (GCC/Clang vector extensions: AVX in an AVX2 clone, 2×SSE or 2×SIMD128 otherwise) ---- */

typedef float ik_v8f __attribute__((vector_size(32)));
typedef int32_t ik_v8i __attribute__((vector_size(32)));

static inline __attribute__((always_inline)) ik_v8f ik_v8_splat(float x) { return (ik_v8f){x, x, x, x, x, x, x, x}; }
static inline __attribute__((always_inline)) ik_v8f ik_v8_load(const float *p) {
  ik_v8f v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}
static inline __attribute__((always_inline)) void ik_v8_store(float *p, ik_v8f v) { __builtin_memcpy(p, &v, sizeof v); }
/* mask ? a : b, mask lanes all-ones or zero (C has no vector ?:) */
static inline __attribute__((always_inline)) ik_v8f ik_v8_select(ik_v8i mask, ik_v8f a, ik_v8f b) {
  return (ik_v8f)(((ik_v8i)a & mask) | ((ik_v8i)b & ~mask));
}

/* ik_expf on 8 lanes: the same operations in the same order, so the result equals ik_expf lane by lane. */
static inline __attribute__((always_inline)) ik_v8f ik_expf8(ik_v8f x) {
  const ik_v8f lo = ik_v8_splat(-87.3f), hi = ik_v8_splat(88.7f), big = ik_v8_splat(12582912.0f);
  ik_v8f xc = ik_v8_select(x < lo, lo, ik_v8_select(x > hi, hi, x));
  ik_v8f kf = (xc * 1.44269504f + big) - big;
  ik_v8f r = (xc - kf * 0.693145752f) - kf * 1.42860677e-6f;
  ik_v8f p = ik_v8_splat(1.98412698e-4f);
  p = p * r + 1.38888889e-3f;
  p = p * r + 8.33333333e-3f;
  p = p * r + 4.16666667e-2f;
  p = p * r + 1.66666667e-1f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  ik_v8i ki = __builtin_convertvector(kf, ik_v8i);
  ik_v8i k1 = ki >> 1;
  ik_v8f s1 = (ik_v8f)((k1 + 127) << 23), s2 = (ik_v8f)((ki - k1 + 127) << 23);
  ik_v8f y = p * s1 * s2;
  y = ik_v8_select(x < lo, ik_v8_splat(0.0f), y);
  return ik_v8_select(x > hi, ik_v8_splat(__builtin_inff()), y);
}

/*
 * Float softplus and sigmoid on 8 lanes, branch-free, for the activations of the critic's hidden layers (scalar
 * double-precision versions cost more than the GEMMs around them). softplus(x) = max(x, 0) +
 * log1p(t), t = e^{−|x|} ∈ (0, 1]; log1p(t) = 2·atanh(s), s = t/(2 + t) ∈ [0, 1/3], by its odd series to s^15
 * (truncation < 2·(1/3)^17/17 ≈ 1e-9, below float rounding). sigmoid(x) = 1/(1 + t) for x ≥ 0, t/(1 + t) else.
 * The scalar tails use the same operations in the same order, so every element gets the same bits.
 */
#define IK_LOG1P_UNIT_SERIES(s2, p)                                                                              \
  p = p * s2 + 1.0f / 13.0f;                                                                                     \
  p = p * s2 + 1.0f / 11.0f;                                                                                     \
  p = p * s2 + 1.0f / 9.0f;                                                                                      \
  p = p * s2 + 1.0f / 7.0f;                                                                                      \
  p = p * s2 + 1.0f / 5.0f;                                                                                      \
  p = p * s2 + 1.0f / 3.0f;                                                                                      \
  p = p * s2 + 1.0f;

static inline __attribute__((always_inline)) ik_v8f ik_softplusf8(ik_v8f x) {
  const ik_v8f zero = ik_v8_splat(0.0f);
  ik_v8f ax = ik_v8_select(x < zero, -x, x);
  ik_v8f t = ik_expf8(-ax);
  ik_v8f s = t / (2.0f + t);
  ik_v8f s2 = s * s;
  ik_v8f p = ik_v8_splat(1.0f / 15.0f);
  IK_LOG1P_UNIT_SERIES(s2, p)
  return ik_v8_select(x > zero, x, zero) + 2.0f * s * p;
}

static inline __attribute__((always_inline)) float ik_softplusf(float x) {
  float ax = x < 0.0f ? -x : x;
  float t = ik_expf(-ax);
  float s = t / (2.0f + t);
  float s2 = s * s;
  float p = 1.0f / 15.0f;
  IK_LOG1P_UNIT_SERIES(s2, p)
  return (x > 0.0f ? x : 0.0f) + 2.0f * s * p;
}

static inline __attribute__((always_inline)) ik_v8f ik_sigmoidf8(ik_v8f x) {
  const ik_v8f zero = ik_v8_splat(0.0f);
  ik_v8f t = ik_expf8(ik_v8_select(x < zero, x, -x));
  ik_v8f r = 1.0f / (1.0f + t);
  return ik_v8_select(x < zero, t * r, r);
}

static inline __attribute__((always_inline)) float ik_sigmoidf(float x) {
  float t = ik_expf(x < 0.0f ? x : -x);
  float r = 1.0f / (1.0f + t);
  return x < 0.0f ? t * r : r;
}

/*
 * r[j] ← e^{r[j] − shift} for j < n; returns Σ_j r[j] accumulated in double (float lanes over 512-element chunks,
 * each term ≤ 1 when shift is the row max, so a chunk's rounding stays ~1e-7 relative).
 */
static inline __attribute__((always_inline)) double ik_exp_shift_sum(float *r, int n, float shift) {
  const ik_v8f sh = ik_v8_splat(shift);
  double sum = 0.0;
  int j = 0;
  while (j + 8 <= n) {
    ik_v8f acc = ik_v8_splat(0.0f);
    int end = j + 512 < n ? j + 512 : n;
    for (; j + 8 <= end; j += 8) {
      ik_v8f e = ik_expf8(ik_v8_load(r + j) - sh);
      ik_v8_store(r + j, e);
      acc += e;
    }
    for (int l = 0; l < 8; l++) sum += acc[l];
  }
  for (; j < n; j++) {
    float e = ik_expf(r[j] - shift);
    r[j] = e;
    sum += e;
  }
  return sum;
}

/* max_j r[j] (n ≥ 1). */
static inline __attribute__((always_inline)) float ik_max(const float *r, int n) {
  float mx = r[0];
  int j = 0;
  if (n >= 8) {
    ik_v8f m8 = ik_v8_load(r);
    for (j = 8; j + 8 <= n; j += 8) {
      ik_v8f x = ik_v8_load(r + j);
      m8 = ik_v8_select(x > m8, x, m8);
    }
    for (int l = 0; l < 8; l++) mx = m8[l] > mx ? m8[l] : mx;
  }
  for (; j < n; j++) mx = r[j] > mx ? r[j] : mx;
  return mx;
}

#endif
