/* Internal plumbing of the kernels: portability macros, aligned buffers, per-thread scratch and the thread pool. */
#ifndef IK_INTERNAL_H
#define IK_INTERNAL_H

#include <stddef.h>

#include "ik.h"

#if defined(__clang__)
#define IK_UNROLL _Pragma("unroll")
#define IK_UNROLL_K _Pragma("unroll 4")
#elif defined(__GNUC__)
#define IK_UNROLL _Pragma("GCC unroll 32")
#define IK_UNROLL_K _Pragma("GCC unroll 4")
#else
#define IK_UNROLL
#define IK_UNROLL_K
#endif

/*
 * Element-wise kernels get an AVX2 clone next to the baseline one, chosen at load time (GCC/Clang target_clones,
 * an ifunc: Linux/glibc only); elsewhere the baseline build serves. No -march flag is ever used.
 */
#if defined(__GNUC__) && !defined(__wasm__) && (defined(__x86_64__) || defined(__i386__)) && defined(__linux__)
#define IK_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define IK_CLONES
#endif

/* Threads exist only in the addon build; the WebAssembly module is single-threaded. */
#if defined(__wasm__)
#define IK_TLS
#else
#define IK_THREADS 1
#define IK_TLS _Thread_local
#endif

/* 64-byte aligned allocation; ik_free accepts NULL. In WebAssembly a bump allocator on linear memory. */
void *ik_alloc(size_t bytes);
void ik_free(void *p);

/*
 * Scratch owned by one thread (the caller's thread or a pool worker): GEMM packing buffers and the score block of
 * the blockwise loss. Grown on demand, never shrunk, so steady-state calls allocate nothing.
 */
typedef struct {
  float *pack_a;
  size_t pack_a_cap; /* floats */
  float *pack_b;
  size_t pack_b_cap;
  float *work;
  size_t work_cap;
} ik_scratch;

ik_scratch *ik_thread_scratch(void);
/* Returns a buffer of at least n floats from *buf (growing it); NULL if memory is exhausted. */
float *ik_reserve(float **buf, size_t *cap, size_t n);

/* Runs fn(ctx, tid, nth) for tid = 0..nth−1, tid 0 on the calling thread; returns when all are done. */
typedef void (*ik_task)(void *ctx, int tid, int nth);
void ik_parallel(ik_task fn, void *ctx, int nth);
/* Cores this process may run on (≥ 1). */
int ik_cores(void);

/* Single-threaded GEMM on strided operands (the building block of ik_gemm and the blockwise loss). */
void ik_gemm_st(ik_scratch *s, int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, long lda,
                const float *b, long ldb, float beta, float *c, long ldc);

#endif
