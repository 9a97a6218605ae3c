/*
 * Packed GEMM (Goto & van de Geijn, "Anatomy of high-performance matrix multiplication", TOMS 2008; the BLIS
 * loop nest of Van Zee & van de Geijn 2015): C is cut into NC-wide column blocks, k into KC-deep slices; a KC×NC
 * slice of op(B) is packed into NR-wide micro-panels (kept in L2/L3), an MC×KC block of op(A) into MR-tall
 * micro-panels (kept in L2), and the register-blocked micro-kernel streams one micro-panel of each. Packing also
 * absorbs the transpositions, so NN, NT and TN share one inner loop.
 *
 * Micro-kernels are chosen at run time: AVX-512F (12×32) and AVX2+FMA (6×16) are compiled with target attributes
 * into the same object as the portable one, and __builtin_cpu_supports picks among them; no -march flag is used.
 */
#include "ik_internal.h"

#if defined(__x86_64__) || defined(__i386__)
#define IK_X86 1
#include <immintrin.h>
#endif

static int ik_streq(const char *a, const char *b) {
  while (*a != 0 && *a == *b) {
    a++;
    b++;
  }
  return *a == *b;
}

typedef void (*ik_ukernel)(int kc, const float *a, const float *b, float *c, long ldc, float alpha, float beta, int mr,
                           int nr);

typedef struct {
  const char *name;
  int mr, nr;   /* register tile */
  int kc, mc, nc; /* cache blocks: mc a multiple of mr, nc of nr */
  ik_ukernel fn;
} ik_variant;

/* ---- portable micro-kernel: GCC/Clang vector extensions (SSE2 on x86-64, NEON on AArch64, SIMD128 in wasm) ---- */

typedef float ik_v4 __attribute__((vector_size(16)));
typedef float ik_v4u __attribute__((vector_size(16), aligned(4)));

static inline ik_v4 v4_load(const float *p) { return *(const ik_v4 *)p; }
static inline ik_v4 v4_loadu(const float *p) { return *(const ik_v4u *)p; }
static inline void v4_storeu(float *p, ik_v4 v) { *(ik_v4u *)p = v; }
#define UK4_SET1(x) ((ik_v4){0, 0, 0, 0} + (x))

#define UK_TARGET
#define UK_VT ik_v4
#define UK_VW 4
#define UK_ZERO() ((ik_v4){0, 0, 0, 0})
#define UK_SET1(x) ((ik_v4){0, 0, 0, 0} + (x))
#define UK_LOAD(p) v4_load(p)
#define UK_LOADU(p) v4_loadu(p)
#define UK_STOREU(p, v) v4_storeu(p, v)
#define UK_FMA(a, b, c) ((a) * (b) + (c))
#define UK_MUL(a, b) ((a) * (b))
#if defined(__wasm__)
/* 16 host SIMD registers behind V8's allocator: 6×8 keeps 12 accumulators + 2 B vectors + 1 broadcast. */
#define UK_NAME uk_wasm_6x8
#define UK_MR 6
#define UK_NV 2
#elif defined(__aarch64__)
/* 32 NEON registers: 8×12 keeps 24 accumulators + 3 B vectors + 1 broadcast. */
#define UK_NAME uk_neon_8x12
#define UK_MR 8
#define UK_NV 3
#else
#define UK_NAME uk_portable_4x8
#define UK_MR 4
#define UK_NV 2
#endif
#include "ik_ukernel.inc"

#if defined(IK_X86)
/* ---- AVX2 + FMA: 6×16 (12 ymm accumulators, 2 for B, 1 broadcast) ---- */
#define UK_NAME uk_avx2_6x16
#define UK_TARGET __attribute__((target("avx2,fma")))
#define UK_VT __m256
#define UK_VW 8
#define UK_MR 6
#define UK_NV 2
#define UK_ZERO() _mm256_setzero_ps()
#define UK_SET1(x) _mm256_set1_ps(x)
#define UK_LOAD(p) _mm256_load_ps(p)
#define UK_LOADU(p) _mm256_loadu_ps(p)
#define UK_STOREU(p, v) _mm256_storeu_ps(p, v)
#define UK_FMA(a, b, c) _mm256_fmadd_ps(a, b, c)
#define UK_MUL(a, b) _mm256_mul_ps(a, b)
#include "ik_ukernel.inc"

/* ---- AVX-512F: 12×32 (24 zmm accumulators, 2 for B, 1 broadcast, of 32) ---- */
#define UK_NAME uk_avx512_12x32
#define UK_TARGET __attribute__((target("avx512f")))
#define UK_VT __m512
#define UK_VW 16
#define UK_MR 12
#define UK_NV 2
#define UK_ZERO() _mm512_setzero_ps()
#define UK_SET1(x) _mm512_set1_ps(x)
#define UK_LOAD(p) _mm512_load_ps(p)
#define UK_LOADU(p) _mm512_loadu_ps(p)
#define UK_STOREU(p, v) _mm512_storeu_ps(p, v)
#define UK_FMA(a, b, c) _mm512_fmadd_ps(a, b, c)
#define UK_MUL(a, b) _mm512_mul_ps(a, b)
#include "ik_ukernel.inc"
#endif

/* Cache blocks of the AVX2 kernel, measured on Zen 3 (32 KiB L1d, 512 KiB L2): see docs/benchmarks.md. */
#ifndef IK_AVX2_KC
#define IK_AVX2_KC 256
#endif
#ifndef IK_AVX2_MC
#define IK_AVX2_MC 144
#endif
#ifndef IK_AVX2_NC
#define IK_AVX2_NC 3072
#endif

static const ik_variant variants[] = {
#if defined(IK_X86)
    {"avx512", 12, 32, 384, 144, 3072, uk_avx512_12x32},
    {"avx2", 6, 16, IK_AVX2_KC, IK_AVX2_MC, IK_AVX2_NC, uk_avx2_6x16},
#endif
#if defined(__wasm__)
    {"wasm-simd128", 6, 8, 256, 96, 2048, uk_wasm_6x8},
#elif defined(__aarch64__)
    {"neon", 8, 12, 256, 128, 3072, uk_neon_8x12},
#else
    {"portable", 4, 8, 256, 128, 2048, uk_portable_4x8},
#endif
};
#define N_VARIANTS ((int)(sizeof variants / sizeof variants[0]))

static int variant_supported(const ik_variant *v) {
#if defined(IK_X86)
  __builtin_cpu_init();
  if (ik_streq(v->name, "avx512")) return __builtin_cpu_supports("avx512f");
  if (ik_streq(v->name, "avx2")) return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#endif
  (void)v;
  return 1;
}

static const ik_variant *active = NULL;

static const ik_variant *pick_variant(void) {
  if (active == NULL) {
    for (int i = 0; i < N_VARIANTS; i++) {
      if (variant_supported(&variants[i])) {
        active = &variants[i];
        break;
      }
    }
  }
  return active;
}

const char *ik_gemm_variant(void) { return pick_variant()->name; }

int ik_select_gemm_variant(const char *name) {
  if (name == NULL) {
    active = NULL;
    pick_variant();
    return 1;
  }
  for (int i = 0; i < N_VARIANTS; i++) {
    if (ik_streq(variants[i].name, name) && variant_supported(&variants[i])) {
      active = &variants[i];
      return 1;
    }
  }
  return 0;
}

/* ---- packing ---- */

#if defined(IK_X86)
/*
 * dst[q*ld_dst + r] = src[r*ld_src + q] for r, q < 4: a 4×4 transpose in SSE registers (baseline on x86-64), so
 * the transposing packs move 16 floats with 8 loads/stores instead of 16 scalar ones.
 */
static inline void transpose4(const float *src, long ld_src, float *dst, long ld_dst) {
  __m128 r0 = _mm_loadu_ps(src), r1 = _mm_loadu_ps(src + ld_src);
  __m128 r2 = _mm_loadu_ps(src + 2 * ld_src), r3 = _mm_loadu_ps(src + 3 * ld_src);
  _MM_TRANSPOSE4_PS(r0, r1, r2, r3);
  _mm_storeu_ps(dst, r0);
  _mm_storeu_ps(dst + ld_dst, r1);
  _mm_storeu_ps(dst + 2 * ld_dst, r2);
  _mm_storeu_ps(dst + 3 * ld_dst, r3);
}
#define IK_HAVE_TRANSPOSE4 1
#endif

/*
 * dst[p*w + r] = src[r*ld + p] for r < rows, p < kc (zero for rows ≤ r < w): the transposing pack shared by A
 * (not transposed) and B (transposed), whose panels gather `rows` strided rows into interleaved columns.
 */
static void pack_gather(int rows, int kc, const float *src, long ld, int w, float *dst) {
  int r = 0;
#if defined(IK_HAVE_TRANSPOSE4)
  for (; r + 4 <= rows; r += 4) {
    int p = 0;
    for (; p + 4 <= kc; p += 4) transpose4(src + (long)r * ld + p, ld, dst + (long)p * w + r, w);
    for (; p < kc; p++) {
      for (int q = 0; q < 4; q++) dst[(long)p * w + r + q] = src[(long)(r + q) * ld + p];
    }
  }
#endif
  for (; r < rows; r++) {
    const float *s = src + (long)r * ld;
    for (int p = 0; p < kc; p++) dst[(long)p * w + r] = s[p];
  }
  for (; r < w; r++) {
    for (int p = 0; p < kc; p++) dst[(long)p * w + r] = 0.0f;
  }
}

/*
 * dst[p*w + r] = src[p*ld + r] for r < cols, p < kc (zero-padded to w): the copying pack shared by A (transposed)
 * and B (not transposed), whose panels are already contiguous runs.
 */
static void pack_copy(int cols, int kc, const float *src, long ld, int w, float *dst) {
  if (cols == w && w == 16) { /* the AVX2 B panel: fixed-size copies the compiler turns into vector moves */
    for (int p = 0; p < kc; p++) __builtin_memcpy(dst + (long)p * 16, src + (long)p * ld, 16 * sizeof(float));
    return;
  }
  for (int p = 0; p < kc; p++) {
    const float *s = src + (long)p * ld;
    float *d = dst + (long)p * w;
    int j = 0;
    for (; j < cols; j++) d[j] = s[j];
    for (; j < w; j++) d[j] = 0.0f;
  }
}

/* Packs rows [0, mc) × cols [0, kc) of op(A) into MR-tall panels: out[(ir/MR)*MR*kc + p*MR + i]. */
static void pack_a(int trans_a, int mc, int kc, const float *a, long lda, int mr, float *out) {
  for (int ir = 0; ir < mc; ir += mr) {
    const int rows = mc - ir < mr ? mc - ir : mr;
    float *dst = out + (long)ir * kc;
    if (trans_a) { /* op(A)[i][p] = A[p*lda + i]: each p is a contiguous run of rows */
      pack_copy(rows, kc, a + ir, lda, mr, dst);
    } else { /* op(A)[i][p] = A[i*lda + p] */
      pack_gather(rows, kc, a + (long)ir * lda, lda, mr, dst);
    }
  }
}

/* Packs rows [0, kc) × cols [0, nc) of op(B) into NR-wide panels: out[(jr/NR)*NR*kc + p*NR + j]. */
static void pack_b(int trans_b, int kc, int nc, const float *b, long ldb, int nr, float *out) {
  for (int jr = 0; jr < nc; jr += nr) {
    const int cols = nc - jr < nr ? nc - jr : nr;
    float *dst = out + (long)jr * kc;
    if (!trans_b) { /* op(B)[p][j] = B[p*ldb + j] */
      pack_copy(cols, kc, b + jr, ldb, nr, dst);
    } else { /* op(B)[p][j] = B[j*ldb + p] */
      pack_gather(cols, kc, b + (long)jr * ldb, ldb, nr, dst);
    }
  }
}

static inline int ceil_div(int a, int b) { return (a + b - 1) / b; }
static inline int round_up(int a, int b) { return ceil_div(a, b) * b; }

static void scale_c(int m, int n, float beta, float *c, long ldc) {
  for (int i = 0; i < m; i++) {
    float *r = c + (long)i * ldc;
    if (beta == 0.0f) {
      for (int j = 0; j < n; j++) r[j] = 0.0f;
    } else if (beta != 1.0f) {
      for (int j = 0; j < n; j++) r[j] *= beta;
    }
  }
}

void ik_gemm_st(ik_scratch *s, int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, long lda,
                const float *b, long ldb, float beta, float *c, long ldc) {
  if (m <= 0 || n <= 0) return;
  if (k <= 0 || alpha == 0.0f) {
    scale_c(m, n, beta, c, ldc);
    return;
  }
  const ik_variant *v = pick_variant();
  const int MR = v->mr, NR = v->nr;
  /* Even slices: k = 260 becomes two slices of 130, not 256 + 4 (a 4-deep slice would waste a pack pass). */
  const int kc_max = ceil_div(k, ceil_div(k, v->kc));
  const int mc_max = m < v->mc ? round_up(m, MR) : v->mc;
  const int nc_max = n < v->nc ? round_up(n, NR) : v->nc;
  float *pa = ik_reserve(&s->pack_a, &s->pack_a_cap, (size_t)mc_max * kc_max);
  float *pb = ik_reserve(&s->pack_b, &s->pack_b_cap, (size_t)nc_max * kc_max);
  if (pa == NULL || pb == NULL) { /* out of memory: signal it the way BLAS cannot, with NaN */
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) c[(long)i * ldc + j] = __builtin_nanf("");
    }
    return;
  }
  for (int jc = 0; jc < n; jc += v->nc) {
    const int nc = n - jc < v->nc ? n - jc : v->nc;
    for (int pc = 0; pc < k; pc += kc_max) {
      const int kc = k - pc < kc_max ? k - pc : kc_max;
      const float beta_eff = pc == 0 ? beta : 1.0f;
      pack_b(trans_b, kc, nc, trans_b ? b + (long)jc * ldb + pc : b + (long)pc * ldb + jc, ldb, NR, pb);
      for (int ic = 0; ic < m; ic += v->mc) {
        const int mc = m - ic < v->mc ? m - ic : v->mc;
        pack_a(trans_a, mc, kc, trans_a ? a + (long)pc * lda + ic : a + (long)ic * lda + pc, lda, MR, pa);
        for (int jr = 0; jr < nc; jr += NR) {
          const int nr = nc - jr < NR ? nc - jr : NR;
          const float *bp = pb + (long)jr * kc;
          for (int ir = 0; ir < mc; ir += MR) {
            const int mr = mc - ir < MR ? mc - ir : MR;
            v->fn(kc, pa + (long)ir * kc, bp, c + (long)(ic + ir) * ldc + jc + jr, ldc, alpha, beta_eff, mr, nr);
          }
        }
      }
    }
  }
}

/* ---- threaded driver: C is split into row bands (or column bands when it is wide and short) ---- */

typedef struct {
  int trans_a, trans_b, m, n, k;
  float alpha, beta;
  const float *a, *b;
  float *c;
  int split_rows, unit;
} gemm_job;

static void gemm_task(void *ctx, int tid, int nth) {
  const gemm_job *j = (const gemm_job *)ctx;
  const int total = j->split_rows ? j->m : j->n;
  const int units = ceil_div(total, j->unit);
  const int u0 = (int)((long)units * tid / nth), u1 = (int)((long)units * (tid + 1) / nth);
  const int lo = u0 * j->unit;
  const int hi = u1 * j->unit < total ? u1 * j->unit : total;
  if (hi <= lo) return;
  const long lda = j->trans_a ? j->m : j->k;
  const long ldb = j->trans_b ? j->k : j->n;
  ik_scratch *s = ik_thread_scratch();
  if (j->split_rows) {
    const float *a = j->trans_a ? j->a + lo : j->a + (long)lo * lda;
    ik_gemm_st(s, j->trans_a, j->trans_b, hi - lo, j->n, j->k, j->alpha, a, lda, j->b, ldb, j->beta,
               j->c + (long)lo * j->n, j->n);
  } else {
    const float *b = j->trans_b ? j->b + (long)lo * ldb : j->b + lo;
    ik_gemm_st(s, j->trans_a, j->trans_b, j->m, hi - lo, j->k, j->alpha, j->a, lda, b, ldb, j->beta, j->c + lo, j->n);
  }
}

/* Below this many multiply-adds (16M) a second thread costs more (wake-up, duplicated packing, a descheduled
   worker on a shared machine) than it saves: the W1 GEMMs (≤ 8.4M) stay single-threaded. */
#define IK_PAR_MIN_MACS (1L << 24)

void ik_gemm(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, const float *b, float beta,
             float *c) {
  const int nth = ik_get_threads();
  const ik_variant *v = pick_variant();
  const long macs = (long)m * n * (k > 0 ? k : 1);
  if (nth <= 1 || macs < IK_PAR_MIN_MACS) {
    ik_gemm_st(ik_thread_scratch(), trans_a, trans_b, m, n, k, alpha, a, trans_a ? m : k, b, trans_b ? k : n, beta, c,
               n);
    return;
  }
  gemm_job j = {trans_a, trans_b, m, n, k, alpha, beta, a, b, c, 1, v->mr};
  /* Split rows when there are enough micro-panels of them; otherwise columns (e.g. a 20×256 weight gradient). */
  if (m < 2 * nth * v->mr && n >= m) {
    j.split_rows = 0;
    j.unit = v->nr;
  }
  ik_parallel(gemm_task, &j, nth);
}

/* ---- FMA throughput probe: the peak that GEMM efficiency is quoted against ---- */

#define PEAK_CHAINS 12 /* independent accumulators: hides the 4–5 cycle FMA latency on two FMA pipes */

#if defined(IK_X86)
__attribute__((target("avx2,fma"))) static float peak_avx2(long iters) {
  __m256 acc[PEAK_CHAINS];
  const __m256 x = _mm256_set1_ps(0.999999f), y = _mm256_set1_ps(1e-7f);
  for (int i = 0; i < PEAK_CHAINS; i++) acc[i] = _mm256_set1_ps((float)i);
  for (long t = 0; t < iters; t++) {
    IK_UNROLL for (int i = 0; i < PEAK_CHAINS; i++) acc[i] = _mm256_fmadd_ps(acc[i], x, y);
  }
  __m256 s = acc[0];
  for (int i = 1; i < PEAK_CHAINS; i++) s = _mm256_add_ps(s, acc[i]);
  float out[8];
  _mm256_storeu_ps(out, s);
  return out[0] + out[7];
}

__attribute__((target("avx512f"))) static float peak_avx512(long iters) {
  __m512 acc[PEAK_CHAINS * 2];
  const __m512 x = _mm512_set1_ps(0.999999f), y = _mm512_set1_ps(1e-7f);
  for (int i = 0; i < PEAK_CHAINS * 2; i++) acc[i] = _mm512_set1_ps((float)i);
  for (long t = 0; t < iters; t++) {
    IK_UNROLL for (int i = 0; i < PEAK_CHAINS * 2; i++) acc[i] = _mm512_fmadd_ps(acc[i], x, y);
  }
  __m512 s = acc[0];
  for (int i = 1; i < PEAK_CHAINS * 2; i++) s = _mm512_add_ps(s, acc[i]);
  return _mm512_reduce_add_ps(s);
}
#endif

static float peak_portable(long iters) {
  ik_v4 acc[PEAK_CHAINS];
  const ik_v4 x = UK4_SET1(0.999999f), y = UK4_SET1(1e-7f);
  for (int i = 0; i < PEAK_CHAINS; i++) acc[i] = UK4_SET1((float)i);
  for (long t = 0; t < iters; t++) {
    IK_UNROLL for (int i = 0; i < PEAK_CHAINS; i++) acc[i] = acc[i] * x + y;
  }
  ik_v4 s = acc[0];
  for (int i = 1; i < PEAK_CHAINS; i++) s += acc[i];
  return s[0] + s[3];
}

double ik_fma_peak_flops_per_iter(void) {
  const char *v = pick_variant()->name;
  if (ik_streq(v, "avx512")) return PEAK_CHAINS * 2 * 16 * 2;
  if (ik_streq(v, "avx2")) return PEAK_CHAINS * 8 * 2;
  return PEAK_CHAINS * 4 * 2;
}

double ik_fma_peak_run(double iters) {
  const char *v = pick_variant()->name;
  (void)v;
#if defined(IK_X86)
  if (ik_streq(v, "avx512")) return peak_avx512((long)iters);
  if (ik_streq(v, "avx2")) return peak_avx2((long)iters);
#endif
  return peak_portable((long)iters);
}
