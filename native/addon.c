/*
 * N-API wrapper of the kernels (plain C, node_api.h, ABI-stable across Node versions).
 *
 * Zero-copy: every matrix argument is a Float32Array whose memory is used in place (napi_get_typedarray_info).
 * The TypeScript wrapper (src/node/native-kernel.ts) validates shapes and raises InfonceError; the checks here
 * only guard memory safety (a too-short array is a TypeError/RangeError, never an out-of-bounds write).
 */
#include <node_api.h>
#include <stddef.h>
#include <string.h>

#include "ik.h"

#define MAX_ARGS 12

#define CHECK(call)                                                                                                  \
  do {                                                                                                               \
    if ((call) != napi_ok) {                                                                                         \
      napi_throw_error(env, "E_INTERNAL", "infonce native: N-API call failed: " #call);                             \
      return NULL;                                                                                                   \
    }                                                                                                                \
  } while (0)

typedef struct {
  napi_env env;
  napi_value argv[MAX_ARGS];
  size_t argc;
  int failed;
} args_t;

static int get_args(napi_env env, napi_callback_info info, args_t *a, size_t want) {
  a->env = env;
  a->argc = MAX_ARGS;
  a->failed = 0;
  if (napi_get_cb_info(env, info, &a->argc, a->argv, NULL, NULL) != napi_ok || a->argc < want) {
    napi_throw_type_error(env, "E_ARG", "infonce native: too few arguments");
    return 0;
  }
  return 1;
}

static void fail(args_t *a, const char *msg) {
  if (!a->failed) napi_throw_range_error(a->env, "E_SHAPE", msg);
  a->failed = 1;
}

static double num(args_t *a, size_t i) {
  double v = 0;
  if (napi_get_value_double(a->env, a->argv[i], &v) != napi_ok) fail(a, "infonce native: expected a number");
  return v;
}

static int int_arg(args_t *a, size_t i) {
  double v = num(a, i);
  if (!(v >= 0 && v <= 2147483647.0) || v != (double)(long long)v) fail(a, "infonce native: expected a count >= 0");
  return (int)v;
}

/* The Float32Array at argv[i] with at least `need` elements; NULL for JS null when allow_null. */
static float *f32(args_t *a, size_t i, double need, int allow_null) {
  napi_valuetype t;
  if (napi_typeof(a->env, a->argv[i], &t) != napi_ok) {
    fail(a, "infonce native: bad argument");
    return NULL;
  }
  if (allow_null && (t == napi_null || t == napi_undefined)) return NULL;
  bool is_ta = false;
  napi_is_typedarray(a->env, a->argv[i], &is_ta);
  if (!is_ta) {
    fail(a, "infonce native: expected a Float32Array");
    return NULL;
  }
  napi_typedarray_type type;
  size_t length = 0;
  void *data = NULL;
  if (napi_get_typedarray_info(a->env, a->argv[i], &type, &length, &data, NULL, NULL) != napi_ok ||
      type != napi_float32_array) {
    fail(a, "infonce native: expected a Float32Array");
    return NULL;
  }
  if ((double)length < need) {
    fail(a, "infonce native: a Float32Array is shorter than its shape needs");
    return NULL;
  }
  /* A zero-length view may have a NULL data pointer; kernels never touch it then, but keep it non-NULL. */
  static float empty;
  return data == NULL ? &empty : (float *)data;
}

static napi_value ret_num(napi_env env, double v) {
  napi_value out;
  CHECK(napi_create_double(env, v, &out));
  return out;
}

static napi_value js_gemm(napi_env env, napi_callback_info info) {
  args_t a;
  if (!get_args(env, info, &a, 10)) return NULL;
  bool ta = false, tb = false;
  napi_get_value_bool(env, a.argv[0], &ta);
  napi_get_value_bool(env, a.argv[1], &tb);
  int m = int_arg(&a, 2), n = int_arg(&a, 3), k = int_arg(&a, 4);
  float alpha = (float)num(&a, 5);
  float *pa = f32(&a, 6, (double)m * k, 0);
  float *pb = f32(&a, 7, (double)k * n, 0);
  float beta = (float)num(&a, 8);
  float *pc = f32(&a, 9, (double)m * n, 0);
  if (a.failed) return NULL;
  ik_gemm(ta, tb, m, n, k, alpha, pa, pb, beta, pc);
  return NULL;
}

static napi_value js_bias_activation(napi_env env, napi_callback_info info) {
  args_t a;
  if (!get_args(env, info, &a, 6)) return NULL;
  int rows = int_arg(&a, 2), cols = int_arg(&a, 3), act = int_arg(&a, 4);
  float *z = f32(&a, 0, (double)rows * cols, 0);
  float *bias = f32(&a, 1, cols, 0);
  float *out = f32(&a, 5, (double)rows * cols, 0);
  if (a.failed) return NULL;
  ik_bias_activation(z, bias, rows, cols, act, out);
  return NULL;
}

static napi_value js_activation_backward(napi_env env, napi_callback_info info) {
  args_t a;
  if (!get_args(env, info, &a, 7)) return NULL;
  int rows = int_arg(&a, 3), cols = int_arg(&a, 4), act = int_arg(&a, 5);
  double n = (double)rows * cols;
  float *z = f32(&a, 0, n, 0), *y = f32(&a, 1, n, 0), *g = f32(&a, 2, n, 0), *gz = f32(&a, 6, n, 0);
  if (a.failed) return NULL;
  ik_activation_backward(z, y, g, rows, cols, act, gz);
  return NULL;
}

static napi_value js_column_sums(napi_env env, napi_callback_info info) {
  args_t a;
  if (!get_args(env, info, &a, 4)) return NULL;
  int rows = int_arg(&a, 1), cols = int_arg(&a, 2);
  float *m = f32(&a, 0, (double)rows * cols, 0), *out = f32(&a, 3, cols, 0);
  if (a.failed) return NULL;
  ik_column_sums(m, rows, cols, out);
  return NULL;
}

static napi_value js_bound(napi_env env, napi_callback_info info) {
  args_t a;
  if (!get_args(env, info, &a, 6)) return NULL;
  int code = int_arg(&a, 0), rows = int_arg(&a, 2), cols = int_arg(&a, 3);
  double param = num(&a, 4);
  float *s = f32(&a, 1, (double)rows * cols, 0), *g = f32(&a, 5, (double)rows * cols, 0);
  if (a.failed) return NULL;
  return ret_num(env, ik_bound(code, s, rows, cols, param, g));
}

static napi_value js_adam(napi_env env, napi_callback_info info) {
  args_t a;
  if (!get_args(env, info, &a, 10)) return NULL;
  float *p = f32(&a, 0, 0, 0);
  if (a.failed) return NULL;
  size_t n = 0;
  napi_get_typedarray_info(env, a.argv[0], NULL, &n, NULL, NULL, NULL);
  float *g = f32(&a, 1, (double)n, 0), *m = f32(&a, 2, (double)n, 0), *v = f32(&a, 3, (double)n, 0);
  double lr = num(&a, 4), b1 = num(&a, 5), b2 = num(&a, 6), eps = num(&a, 7), wd = num(&a, 8), t = num(&a, 9);
  if (a.failed) return NULL;
  ik_adam(p, g, m, v, (int)n, lr, b1, b2, eps, wd, t);
  return NULL;
}

static napi_value js_normalize_rows(napi_env env, napi_callback_info info) {
  args_t a;
  if (!get_args(env, info, &a, 6)) return NULL;
  int rows = int_arg(&a, 1), cols = int_arg(&a, 2);
  float eps = (float)num(&a, 3);
  float *x = f32(&a, 0, (double)rows * cols, 0), *out = f32(&a, 4, (double)rows * cols, 0);
  float *norms = f32(&a, 5, rows, 0);
  if (a.failed) return NULL;
  ik_normalize_rows(x, rows, cols, eps, out, norms);
  return NULL;
}

static napi_value js_normalize_rows_backward(napi_env env, napi_callback_info info) {
  args_t a;
  if (!get_args(env, info, &a, 7)) return NULL;
  int rows = int_arg(&a, 3), cols = int_arg(&a, 4);
  float eps = (float)num(&a, 5);
  double n = (double)rows * cols;
  float *g = f32(&a, 0, n, 0), *y = f32(&a, 1, n, 0), *norms = f32(&a, 2, rows, 0), *gx = f32(&a, 6, n, 0);
  if (a.failed) return NULL;
  ik_normalize_rows_backward(g, y, norms, rows, cols, eps, gx);
  return NULL;
}

static napi_value js_infonce_blockwise(napi_env env, napi_callback_info info) {
  args_t a;
  if (!get_args(env, info, &a, 8)) return NULL;
  int n = int_arg(&a, 2), d = int_arg(&a, 3);
  float inv_temp = (float)num(&a, 4);
  int block = int_arg(&a, 5);
  double nd = (double)n * d;
  float *q = f32(&a, 0, nd, 0), *k = f32(&a, 1, nd, 0), *gq = f32(&a, 6, nd, 1), *gk = f32(&a, 7, nd, 1);
  if (a.failed) return NULL;
  return ret_num(env, ik_infonce_blockwise(q, k, n, d, inv_temp, block, gq, gk));
}

static napi_value js_set_threads(napi_env env, napi_callback_info info) {
  args_t a;
  if (!get_args(env, info, &a, 1)) return NULL;
  int t = int_arg(&a, 0);
  if (a.failed) return NULL;
  return ret_num(env, ik_set_threads(t));
}

static napi_value js_get_threads(napi_env env, napi_callback_info info) {
  (void)info;
  return ret_num(env, ik_get_threads());
}

static napi_value js_gemm_variant(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out;
  const char *v = ik_gemm_variant();
  CHECK(napi_create_string_utf8(env, v, strlen(v), &out));
  return out;
}

static napi_value js_select_gemm_variant(napi_env env, napi_callback_info info) {
  args_t a;
  if (!get_args(env, info, &a, 1)) return NULL;
  napi_valuetype t;
  napi_typeof(env, a.argv[0], &t);
  int ok;
  if (t == napi_string) {
    char name[32];
    size_t len = 0;
    CHECK(napi_get_value_string_utf8(env, a.argv[0], name, sizeof name, &len));
    ok = ik_select_gemm_variant(name);
  } else {
    ok = ik_select_gemm_variant(NULL);
  }
  napi_value out;
  CHECK(napi_get_boolean(env, ok != 0, &out));
  return out;
}

static napi_value js_fma_peak_flops_per_iter(napi_env env, napi_callback_info info) {
  (void)info;
  return ret_num(env, ik_fma_peak_flops_per_iter());
}

static napi_value js_fma_peak_run(napi_env env, napi_callback_info info) {
  args_t a;
  if (!get_args(env, info, &a, 1)) return NULL;
  double iters = num(&a, 0);
  if (a.failed) return NULL;
  return ret_num(env, ik_fma_peak_run(iters));
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"gemm", NULL, js_gemm, NULL, NULL, NULL, napi_enumerable, NULL},
      {"biasActivation", NULL, js_bias_activation, NULL, NULL, NULL, napi_enumerable, NULL},
      {"activationBackward", NULL, js_activation_backward, NULL, NULL, NULL, napi_enumerable, NULL},
      {"columnSums", NULL, js_column_sums, NULL, NULL, NULL, napi_enumerable, NULL},
      {"bound", NULL, js_bound, NULL, NULL, NULL, napi_enumerable, NULL},
      {"adam", NULL, js_adam, NULL, NULL, NULL, napi_enumerable, NULL},
      {"normalizeRows", NULL, js_normalize_rows, NULL, NULL, NULL, napi_enumerable, NULL},
      {"normalizeRowsBackward", NULL, js_normalize_rows_backward, NULL, NULL, NULL, napi_enumerable, NULL},
      {"infonceBlockwise", NULL, js_infonce_blockwise, NULL, NULL, NULL, napi_enumerable, NULL},
      {"setThreads", NULL, js_set_threads, NULL, NULL, NULL, napi_enumerable, NULL},
      {"getThreads", NULL, js_get_threads, NULL, NULL, NULL, napi_enumerable, NULL},
      {"gemmVariant", NULL, js_gemm_variant, NULL, NULL, NULL, napi_enumerable, NULL},
      {"selectGemmVariant", NULL, js_select_gemm_variant, NULL, NULL, NULL, napi_enumerable, NULL},
      {"fmaPeakFlopsPerIter", NULL, js_fma_peak_flops_per_iter, NULL, NULL, NULL, napi_enumerable, NULL},
      {"fmaPeakRun", NULL, js_fma_peak_run, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  if (napi_define_properties(env, exports, sizeof props / sizeof props[0], props) != napi_ok) return NULL;
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
