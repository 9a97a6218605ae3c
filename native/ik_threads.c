/*
 * A tiny fork-join pool for the addon: workers wait on a generation counter, spinning briefly (back-to-back GEMMs
 * of a training step come microseconds apart) and then sleeping on a condition variable, so an idle pool costs no
 * CPU. Never more threads than cores (no oversubscription). A caller that finds the pool busy (another JS thread)
 * runs its work single-threaded instead of waiting.
 */
#if !defined(__wasm__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE
#endif
#include <stdint.h>

#include "ik_internal.h"

static IK_TLS ik_scratch tls_scratch;

ik_scratch *ik_thread_scratch(void) { return &tls_scratch; }

float *ik_reserve(float **buf, size_t *cap, size_t n) {
  if (*cap >= n) return *buf;
  size_t want = n + n / 4 + 1024;
  float *p = (float *)ik_alloc(want * sizeof(float));
  if (p == NULL) return NULL;
  ik_free(*buf);
  *buf = p;
  *cap = want;
  return p;
}

#if defined(__wasm__)

/* Bump allocator on linear memory: packing buffers grow a few times then stay; freeing the newest block rolls back. */
extern unsigned char __heap_base;
static uintptr_t heap_top = 0;
static uintptr_t last_block = 0;

void *ik_alloc(size_t bytes) {
  if (heap_top == 0) heap_top = ((uintptr_t)&__heap_base + 63) & ~(uintptr_t)63;
  uintptr_t start = heap_top;
  uintptr_t end = (start + bytes + 63) & ~(uintptr_t)63;
  size_t have = __builtin_wasm_memory_size(0) * 65536u;
  if (end > have) {
    size_t pages = (end - have + 65535u) / 65536u;
    if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1) return NULL;
  }
  heap_top = end;
  last_block = start;
  return (void *)start;
}

void ik_free(void *p) {
  if (p != NULL && (uintptr_t)p == last_block) {
    heap_top = last_block;
    last_block = 0;
  }
}

void ik_parallel(ik_task fn, void *ctx, int nth) {
  (void)nth;
  fn(ctx, 0, 1);
}

int ik_cores(void) { return 1; }
int ik_set_threads(int threads) {
  (void)threads;
  return 1;
}
int ik_get_threads(void) { return 1; }

#else

#include <pthread.h>
#include <stdlib.h>
#include <sched.h>
#include <stdatomic.h>
#include <unistd.h>

void *ik_alloc(size_t bytes) {
  void *p = NULL;
  if (posix_memalign(&p, 64, bytes < 64 ? 64 : bytes) != 0) return NULL;
  return p;
}

void ik_free(void *p) { free(p); }

#define IK_MAX_THREADS 64
/* ≈ 100 µs of polling before a worker sleeps: covers the gaps between the GEMMs of one training step. */
#define IK_SPIN 4000

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ volatile("yield");
#endif
}

static pthread_mutex_t pool_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pool_cv = PTHREAD_COND_INITIALIZER;
static atomic_uint pool_gen;
static atomic_int pool_pending;
static atomic_flag pool_busy = ATOMIC_FLAG_INIT;
static int pool_workers = 0; /* started workers, tids 1..pool_workers */
static ik_task job_fn;
static void *job_ctx;
static int job_nth;
static int threads_setting = 0; /* 0: not chosen yet */
static unsigned start_gen[IK_MAX_THREADS];

int ik_cores(void) {
  static int cores = 0;
  if (cores == 0) {
    cpu_set_t set;
    int n = 0;
    if (sched_getaffinity(0, sizeof set, &set) == 0) n = CPU_COUNT(&set);
    if (n <= 0) n = (int)sysconf(_SC_NPROCESSORS_ONLN);
    cores = n < 1 ? 1 : (n > IK_MAX_THREADS ? IK_MAX_THREADS : n);
  }
  return cores;
}

int ik_set_threads(int threads) {
  int cores = ik_cores();
  /* The default (0) is every core: on a quiet 2-core machine two threads double GEMM 512³/1024³ (168 vs 69–87
     GFLOPS) and speed the blockwise loss by 12%, while W1's GEMMs stay under the 16M multiply-add split threshold
     (2.2–2.3 vs 2.4–2.7 ms/step, within noise). INFONCE_THREADS=1 opts out on a shared machine. See
     docs/benchmarks.md, "Threads". */
  if (threads <= 0) threads = cores;
  threads_setting = threads > cores ? cores : threads;
  return threads_setting;
}

int ik_get_threads(void) {
  if (threads_setting == 0) ik_set_threads(0);
  return threads_setting;
}

static void *worker_main(void *arg) {
  int tid = (int)(intptr_t)arg;
  unsigned seen = start_gen[tid]; /* the generation when it was created: a job posted since then is not missed */
  for (;;) {
    unsigned g;
    int spins = 0;
    while ((g = atomic_load_explicit(&pool_gen, memory_order_acquire)) == seen) {
      if (++spins < IK_SPIN) {
        cpu_relax();
        continue;
      }
      pthread_mutex_lock(&pool_mu);
      while ((g = atomic_load_explicit(&pool_gen, memory_order_acquire)) == seen) pthread_cond_wait(&pool_cv, &pool_mu);
      pthread_mutex_unlock(&pool_mu);
      break;
    }
    seen = g;
    if (tid < job_nth) job_fn(job_ctx, tid, job_nth);
    atomic_fetch_sub_explicit(&pool_pending, 1, memory_order_acq_rel);
  }
  return NULL;
}

static int ensure_workers(int nth) {
  while (pool_workers < nth - 1) {
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    start_gen[pool_workers + 1] = atomic_load_explicit(&pool_gen, memory_order_acquire);
    int rc = pthread_create(&t, &attr, worker_main, (void *)(intptr_t)(pool_workers + 1));
    pthread_attr_destroy(&attr);
    if (rc != 0) break;
    pool_workers++;
  }
  return pool_workers + 1;
}

void ik_parallel(ik_task fn, void *ctx, int nth) {
  if (nth <= 1 || atomic_flag_test_and_set_explicit(&pool_busy, memory_order_acquire)) {
    fn(ctx, 0, 1);
    return;
  }
  int avail = ensure_workers(nth);
  if (nth > avail) nth = avail;
  if (nth <= 1) {
    atomic_flag_clear_explicit(&pool_busy, memory_order_release);
    fn(ctx, 0, 1);
    return;
  }
  job_fn = fn;
  job_ctx = ctx;
  job_nth = nth;
  atomic_store_explicit(&pool_pending, pool_workers, memory_order_relaxed);
  pthread_mutex_lock(&pool_mu);
  atomic_fetch_add_explicit(&pool_gen, 1, memory_order_release);
  pthread_cond_broadcast(&pool_cv);
  pthread_mutex_unlock(&pool_mu);
  fn(ctx, 0, nth);
  int spins = 0;
  while (atomic_load_explicit(&pool_pending, memory_order_acquire) > 0) {
    if (++spins < 20000) {
      cpu_relax();
    } else {
      sched_yield();
    }
  }
  atomic_flag_clear_explicit(&pool_busy, memory_order_release);
}

#endif
