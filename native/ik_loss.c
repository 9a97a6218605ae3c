/*
 * Blockwise InfoNCE over N paired embeddings (the large-K evaluation): S = q kᵀ / T is never formed whole.
 * For a band of B rows: S_b = q_b kᵀ/T (GEMM), a max-shifted softmax per row gives the loss terms
 * logsumexp_j S_ij − S_ii (van den Oord et al. 2018, eq. 4) and G_b = (softmax(S_b) − I_b)/N = ∂loss/∂S_b, then
 * ∂loss/∂q_b = G_b k / T and ∂loss/∂k += G_bᵀ q_b / T (two more GEMMs). Memory: one B×N band per thread, plus one
 * N×D gradient accumulator per extra thread. The threads take contiguous bands; no synchronisation inside.
 */
#include "ik_internal.h"
#include "ik_math.h"

/*
 * Row i of the band s (rows × n), whose positive sits in column diag0 + i: replaces s with G's row and returns
 * logsumexp_j s_ij − s_i,diag. inv_n is 1/N.
 */
IK_CLONES static double softmax_band(float *s, int rows, int n, int diag0, float inv_n) {
  double total = 0.0;
  for (int i = 0; i < rows; i++) {
    float *r = s + (long)i * n;
    const float mx = ik_max(r, n);
    const float pos = r[diag0 + i];
    const double sum = ik_exp_shift_sum(r, n, mx);
    total += (double)mx + ik_log(sum) - (double)pos;
    const float scale = (float)(1.0 / (sum * n));
    for (int j = 0; j < n; j++) r[j] *= scale;
    r[diag0 + i] -= inv_n;
  }
  return total;
}

#define IK_MAX_LOSS_THREADS 64

typedef struct {
  const float *q, *k;
  int n, d, block;
  float inv_temp;
  float *grad_q, *grad_k;
  double loss[IK_MAX_LOSS_THREADS];
  float *partial[IK_MAX_LOSS_THREADS]; /* ∂loss/∂k accumulated by each thread; NULL if it had no band */
  int failed;
} loss_job;

static void loss_task(void *ctx, int tid, int nth) {
  loss_job *j = (loss_job *)ctx;
  const int n = j->n, d = j->d;
  const int bands = (n + j->block - 1) / j->block;
  const int b0 = (int)((long)bands * tid / nth), b1 = (int)((long)bands * (tid + 1) / nth);
  j->partial[tid] = NULL;
  j->loss[tid] = 0.0;
  if (b1 <= b0) return;
  ik_scratch *s = ik_thread_scratch();
  const int rows_max = j->block < n ? j->block : n;
  const int want_grad = j->grad_q != NULL || j->grad_k != NULL;
  float *band = ik_reserve(&s->work, &s->work_cap, (size_t)rows_max * n + (tid > 0 && want_grad ? (size_t)n * d : 0));
  if (band == NULL) {
    j->failed = 1;
    return;
  }
  float *gk = j->grad_k == NULL ? NULL : (tid == 0 ? j->grad_k : band + (size_t)rows_max * n);
  double total = 0.0;
  for (int b = b0; b < b1; b++) {
    const int r0 = b * j->block;
    const int rows = n - r0 < j->block ? n - r0 : j->block;
    const float *qb = j->q + (long)r0 * d;
    ik_gemm_st(s, 0, 1, rows, n, d, j->inv_temp, qb, d, j->k, d, 0.0f, band, n);
    total += softmax_band(band, rows, n, r0, 1.0f / (float)n);
    if (j->grad_q != NULL) {
      ik_gemm_st(s, 0, 0, rows, d, n, j->inv_temp, band, n, j->k, d, 0.0f, j->grad_q + (long)r0 * d, d);
    }
    if (gk != NULL) {
      ik_gemm_st(s, 1, 0, n, d, rows, j->inv_temp, band, n, qb, d, b == b0 ? 0.0f : 1.0f, gk, d);
    }
  }
  j->loss[tid] = total;
  j->partial[tid] = gk;
}

double ik_infonce_blockwise(const float *q, const float *k, int n, int d, float inv_temp, int block, float *grad_q,
                            float *grad_k) {
  if (n <= 0 || d <= 0 || !ik_isfinitef(inv_temp)) return __builtin_nan("");
  const long nd = (long)n * d;
  for (long t = 0; t < nd; t++) {
    if (!ik_isfinitef(q[t]) || !ik_isfinitef(k[t])) return __builtin_nan("");
  }
  if (block <= 0) block = 256;
  loss_job j;
  j.q = q;
  j.k = k;
  j.n = n;
  j.d = d;
  j.block = block;
  j.inv_temp = inv_temp;
  j.grad_q = grad_q;
  j.grad_k = grad_k;
  j.failed = 0;
  int nth = ik_get_threads();
  const int bands = (n + block - 1) / block;
  if (nth > bands) nth = bands;
  if (nth > IK_MAX_LOSS_THREADS) nth = IK_MAX_LOSS_THREADS;
  for (int t = 0; t < IK_MAX_LOSS_THREADS; t++) {
    j.loss[t] = 0.0;
    j.partial[t] = NULL;
  }
  ik_parallel(loss_task, &j, nth);
  if (j.failed) return __builtin_nan("");
  double total = 0.0;
  for (int t = 0; t < nth; t++) total += j.loss[t];
  if (grad_k != NULL) {
    if (j.partial[0] == NULL) {
      for (long t = 0; t < nd; t++) grad_k[t] = 0.0f;
    }
    for (int t = 1; t < nth; t++) {
      const float *p = j.partial[t];
      if (p == NULL) continue;
      for (long u = 0; u < nd; u++) grad_k[u] += p[u];
    }
  }
  return total / n;
}
