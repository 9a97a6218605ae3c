/*
 * Developer tool: checks every GEMM micro-kernel this CPU runs against a float64 triple loop and times them.
 *   gcc -O3 -fno-math-errno -pthread -Inative native/tools/gemm_check.c native/ik_*.c -o /tmp/gemm_check
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ik.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

static float frand(unsigned *s) {
  *s = *s * 1664525u + 1013904223u;
  return (float)((*s >> 8) * (1.0 / 16777216.0)) * 2.0f - 1.0f;
}

static double check(int ta, int tb, int m, int n, int k, float alpha, float beta) {
  unsigned seed = 1u + m * 7u + n * 13u + k;
  float *a = malloc(sizeof(float) * m * k), *b = malloc(sizeof(float) * k * n), *c = malloc(sizeof(float) * m * n);
  double *ref = malloc(sizeof(double) * m * n);
  for (int i = 0; i < m * k; i++) a[i] = frand(&seed);
  for (int i = 0; i < k * n; i++) b[i] = frand(&seed);
  for (int i = 0; i < m * n; i++) c[i] = beta == 0.0f ? NAN : frand(&seed);
  for (int i = 0; i < m; i++) {
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int p = 0; p < k; p++) s += (double)(ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
      ref[i * n + j] = alpha * s + (beta == 0.0f ? 0.0 : beta * (double)c[i * n + j]);
    }
  }
  ik_gemm(ta, tb, m, n, k, alpha, a, b, beta, c);
  double err = 0;
  for (int i = 0; i < m * n; i++) {
    double e = fabs(c[i] - ref[i]) / (1.0 + fabs(ref[i]));
    if (!(e <= err)) err = e; /* NaN counts as worst */
  }
  free(a);
  free(b);
  free(c);
  free(ref);
  return err;
}

static double gflops(int ta, int tb, int m, int n, int k) {
  float *a = calloc((size_t)m * k, 4), *b = calloc((size_t)k * n, 4), *c = calloc((size_t)m * n, 4);
  for (int i = 0; i < m * k; i++) a[i] = 0.5f;
  for (int i = 0; i < k * n; i++) b[i] = 0.25f;
  ik_gemm(ta, tb, m, n, k, 1, a, b, 0, c);
  double flop = 2.0 * m * n * k;
  int reps = (int)(2e9 / flop) + 3;
  double t0 = now();
  for (int r = 0; r < reps; r++) ik_gemm(ta, tb, m, n, k, 1, a, b, 0, c);
  double dt = (now() - t0) / reps;
  free(a);
  free(b);
  free(c);
  return flop / dt / 1e9;
}

int main(int argc, char **argv) {
  const char *names[] = {"avx512", "avx2", "portable", "neon"};
  int threads = argc > 1 ? atoi(argv[1]) : 1;
  ik_set_threads(threads);
  for (int v = 0; v < 4; v++) {
    if (ik_select_gemm_variant(names[v])) {
      double t0 = now();
      volatile double sink = ik_fma_peak_run(2e8);
      double dt = now() - t0;
      (void)sink;
      printf("%-8s FMA peak %.1f GFLOPS\n", names[v], 2e8 * ik_fma_peak_flops_per_iter() / dt / 1e9);
    }
    if (!ik_select_gemm_variant(names[v])) continue;
    double worst = 0;
    int shapes[][3] = {{1, 1, 1}, {7, 5, 3}, {13, 33, 17}, {128, 256, 20}, {20, 256, 128}, {129, 257, 300},
                       {300, 70, 600}, {6, 16, 1}, {128, 128, 32}, {500, 3, 2}};
    for (unsigned s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
      for (int t = 0; t < 4; t++) {
        double e = check(t & 1, t >> 1, shapes[s][0], shapes[s][1], shapes[s][2], 0.7f, (s & 1) ? 0.0f : -1.3f);
        if (!(e <= worst)) worst = e;
      }
    }
    printf("%-8s threads %d max rel err %.2e | GFLOPS NN 128x256x256 %.1f  512^3 %.1f  1024^3 %.1f  NT 512 %.1f  TN 512 %.1f\n",
           ik_gemm_variant(), ik_get_threads(), worst, gflops(0, 0, 128, 256, 256), gflops(0, 0, 512, 512, 512),
           gflops(0, 0, 1024, 1024, 1024), gflops(0, 1, 512, 512, 512), gflops(1, 0, 512, 512, 512));
  }
  return 0;
}
