/*
 * The fast path of the CSV reader (src/node/read/read-csv.ts) in C: consecutive records whose selected fields are
 * all plain decimal numbers are parsed straight into the float64 matrices; the scan stops at the first record it
 * cannot take whole (a quote, a label, a missing cell, a blank or comment line, a wrong field count) and the
 * TypeScript reader takes that record by the general rule, then calls again. Numbers are exactly those of
 * JavaScript's Number(): Clinger's fast path (at most 15 significant digits, |exponent| <= 22: one correctly
 * rounded IEEE operation), else strtod (correctly rounded in glibc; the "C" locale, as Node never sets one) on a
 * field whose bytes are only digits, signs, '.', 'e' or 'E' and which strtod consumes whole.
 *
 * scan(buf: Uint8Array, pos, end, delim (-1 = whitespace runs), fieldTarget: Int32Array (per field: -1 skipped,
 *      else group * 2^20 + column), out0: Float64Array, cols0, out1: Float64Array | null, cols1, row0, maxRows,
 *      result: Float64Array(2), threads) → result = [stop position, records parsed]; each record is one line.
 *
 * Both cores: a block of at least SPLIT_MIN bytes is cut at newlines into `threads` parts (0 = the online CPUs, at
 * most MAX_PARTS). Each record being one line, the newlines before a part give its first row, so the parts are
 * parsed at once, each into its own rows. The result is the parts' in order up to the first part that stopped
 * early: what a later part wrote beyond that row is overwritten when the reader goes on (rows past the count are
 * not data), so the numbers and the stop position are exactly those of one sequential scan.
 */
#include <math.h>
#include <node_api.h>
#include <pthread.h>
#include <sys/mman.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const double POW10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static int is_pad(int b, int delim) { return b == ' ' || b == '\r' || (b == '\t' && delim != '\t'); }

/* Parses a number at p (spaces skipped); sets *stop after it. Returns 0 when not a plain number. */
static int parse_number(const uint8_t *p, const uint8_t *end, const uint8_t **stop, double *out) {
  while (p < end && *p == ' ') p++;
  const uint8_t *start = p;
  int neg = 0;
  if (p < end && (*p == '-' || *p == '+')) neg = *p++ == '-';
  uint64_t m = 0;
  int sig = 0, digits = 0, exp = 0;
  while (p < end && (unsigned)(*p - '0') < 10) {
    int d = *p++ - '0';
    digits++;
    if (m != 0 || d != 0) {
      if (sig < 19) m = m * 10 + (uint64_t)d;
      sig++;
      if (sig > 19) exp++;
    }
  }
  if (p < end && *p == '.') {
    p++;
    while (p < end && (unsigned)(*p - '0') < 10) {
      int d = *p++ - '0';
      digits++;
      if (m != 0 || d != 0) {
        if (sig < 19) {
          m = m * 10 + (uint64_t)d;
          exp--;
        }
        sig++;
      } else {
        exp--;
      }
    }
  }
  if (digits == 0) return 0;
  if (p < end && (*p == 'e' || *p == 'E')) {
    const uint8_t *q = p + 1;
    int eneg = 0, e = 0, ed = 0;
    if (q < end && (*q == '-' || *q == '+')) eneg = *q++ == '-';
    while (q < end && (unsigned)(*q - '0') < 10) {
      if (e < 100000) e = e * 10 + (*q - '0');
      q++;
      ed++;
    }
    if (ed == 0) return 0;
    exp += eneg ? -e : e;
    p = q;
  }
  *stop = p;
  double v;
  if (m == 0) {
    v = 0;
  } else if (sig <= 15 && exp >= 0 && exp <= 22) {
    v = (double)m * POW10[exp];
  } else if (sig <= 15 && exp < 0 && exp >= -22) {
    v = (double)m / POW10[-exp];
  } else {
    /* The exact slow path: strtod on a NUL-terminated copy (plain number bytes only, checked above). */
    char tmp[128];
    size_t len = (size_t)(p - start);
    if (len >= sizeof tmp) return 0;
    memcpy(tmp, start, len);
    tmp[len] = 0;
    char *e = NULL;
    v = strtod(tmp, &e);
    if (e != tmp + len || !isfinite(v)) return 0;
    *out = v;
    return 1;
  }
  *out = neg ? -v : v;
  return 1;
}

static size_t scan(const uint8_t *buf, size_t pos, size_t end, int delim, const int32_t *target, size_t nfields,
                   double *out0, size_t cols0, double *out1, size_t cols1, size_t row0, size_t max_rows,
                   size_t *rows_out) {
  size_t rows = 0;
  const uint8_t *e = buf + end;
  while (pos < end && rows < max_rows) {
    const uint8_t *p = buf + pos;
    /* Blank and comment lines are the reader's: stop there. */
    if (*p == '\n' || *p == '\r' || *p == '#') break;
    size_t f = 0;
    for (;;) {
      if (f >= nfields) goto stop;
      int32_t t = target[f];
      const uint8_t *q;
      if (t >= 0) {
        double v;
        if (!parse_number(p, e, &q, &v)) goto stop;
        int g = t >> 20;
        size_t j = (size_t)(t & 0xfffff);
        if (g == 0)
          out0[(row0 + rows) * cols0 + j] = v;
        else
          out1[(row0 + rows) * cols1 + j] = v;
      } else {
        q = p;
        if (delim < 0) {
          while (q < e && *q == ' ') q++;
          while (q < e && *q != ' ' && *q != '\t' && *q != '\r' && *q != '\n') {
            if (*q == '"') goto stop;
            q++;
          }
        } else {
          while (q < e && *q != delim && *q != '\n') {
            if (*q == '"') goto stop;
            q++;
          }
        }
      }
      const uint8_t *after = q;
      while (q < e && is_pad(*q, delim)) q++;
      f++;
      if (q >= e || *q == '\n') {
        if (f != nfields) goto stop;
        p = q < e ? q + 1 : q;
        break;
      }
      if (delim >= 0) {
        if (*q != delim) goto stop;
        p = q + 1;
      } else {
        if (q == after) goto stop; /* whitespace mode: a field must end at a blank */
        p = q;
      }
    }
    rows++;
    pos = (size_t)(p - buf);
    continue;
  stop:
    break;
  }
  *rows_out = rows;
  return pos;
}

/* Below this many bytes a block is scanned on the calling thread: a thread's start costs more than it saves. */
#define SPLIT_MIN (256 * 1024)
#define MAX_PARTS 4

struct part {
  const uint8_t *buf;
  size_t pos, end;
  int delim;
  const int32_t *target;
  size_t nfields;
  double *out0, *out1;
  size_t cols0, cols1, row0, max_rows;
  size_t rows, stop;
};

static void *scan_part(void *arg) {
  struct part *p = arg;
  p->stop = scan(p->buf, p->pos, p->end, p->delim, p->target, p->nfields, p->out0, p->cols0, p->out1, p->cols1,
                 p->row0, p->max_rows, &p->rows);
  return NULL;
}

static size_t count_newlines(const uint8_t *p, const uint8_t *end) {
  size_t n = 0;
  while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
    n++;
    p++;
  }
  return n;
}

/* scan() over `parts` line-aligned pieces of [pos, end) at once; see the comment at the top. */
static size_t scan_parallel(const uint8_t *buf, size_t pos, size_t end, int delim, const int32_t *target,
                            size_t nfields, double *out0, size_t cols0, double *out1, size_t cols1, size_t row0,
                            size_t max_rows, int parts, size_t *rows_out) {
  struct part job[MAX_PARTS];
  pthread_t tid[MAX_PARTS];
  int started[MAX_PARTS] = {0};
  size_t at = pos, row = 0;
  int n = 0;
  for (; n < parts && at < end && row < max_rows; n++) {
    size_t stop = n == parts - 1 ? end : pos + (end - pos) * (size_t)(n + 1) / (size_t)parts;
    if (stop < at) stop = at;
    const uint8_t *nl = stop < end ? memchr(buf + stop, '\n', end - stop) : NULL;
    stop = nl == NULL ? end : (size_t)(nl - buf) + 1;
    size_t lines = stop == end ? max_rows - row : count_newlines(buf + at, buf + stop);
    if (lines > max_rows - row) lines = max_rows - row;
    job[n] = (struct part){buf, at, stop, delim, target, nfields, out0, out1, cols0, cols1, row0 + row, lines, 0, at};
    row += lines;
    at = stop;
  }
  for (int i = 1; i < n; i++) started[i] = pthread_create(&tid[i], NULL, scan_part, &job[i]) == 0;
  scan_part(&job[0]);
  for (int i = 1; i < n; i++) {
    if (started[i])
      pthread_join(tid[i], NULL);
    else
      scan_part(&job[i]);
  }
  size_t rows = 0, stop = pos;
  for (int i = 0; i < n; i++) {
    rows += job[i].rows;
    stop = job[i].stop;
    /* A part that did not reach its end (an odd record, or the row budget) ends the result. */
    if (job[i].stop != job[i].end) break;
  }
  *rows_out = rows;
  return stop;
}

static int online_cpus(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > MAX_PARTS ? MAX_PARTS : (int)n;
}

#define CHECK(call)                                                                                                  \
  do {                                                                                                               \
    if ((call) != napi_ok) {                                                                                         \
      napi_throw_error(env, "E_INTERNAL", "infonce csv scan: N-API call failed: " #call);                           \
      return NULL;                                                                                                   \
    }                                                                                                                \
  } while (0)

static void *typed(napi_env env, napi_value v, napi_typedarray_type want, size_t *length) {
  bool is = false;
  napi_valuetype vt;
  if (napi_typeof(env, v, &vt) != napi_ok || vt == napi_null || vt == napi_undefined) return NULL;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is) return NULL;
  napi_typedarray_type type;
  void *data = NULL;
  if (napi_get_typedarray_info(env, v, &type, length, &data, NULL, NULL) != napi_ok || type != want) return NULL;
  return data;
}

/*
 * Asks for transparent huge pages on the part of an output array not yet written. The reader allocates its output
 * once at the file's bound (zero pages, mapped lazily); filling 160 MB of it in 4 KB pages cost a page fault per
 * 512 values, serialised on the process's memory map across the scanning threads — 15% of a 2M-row read was spent
 * in faults (perf). With 2 MB pages that is one fault per 262,144 values. Advice only: where THP is off or the range
 * is small, nothing changes.
 */
static void advise_huge(double *from, size_t count) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const uintptr_t page = (uintptr_t)2 << 20;
  uintptr_t a = ((uintptr_t)from + page - 1) & ~(page - 1);
  uintptr_t b = ((uintptr_t)(from + count)) & ~(page - 1);
  if (b > a) madvise((void *)a, (size_t)(b - a), MADV_HUGEPAGE);
#else
  (void)from;
  (void)count;
#endif
}

static napi_value js_scan(napi_env env, napi_callback_info info) {
  napi_value argv[13];
  size_t argc = 13;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 12) {
    napi_throw_type_error(env, "E_ARG", "infonce csv scan: 12 arguments expected");
    return NULL;
  }
  size_t nbuf = 0, nfields = 0, n0 = 0, n1 = 0, nres = 0;
  const uint8_t *buf = typed(env, argv[0], napi_uint8_array, &nbuf);
  const int32_t *target = typed(env, argv[4], napi_int32_array, &nfields);
  double *out0 = typed(env, argv[5], napi_float64_array, &n0);
  double *out1 = typed(env, argv[7], napi_float64_array, &n1);
  double *result = typed(env, argv[11], napi_float64_array, &nres);
  double d[7];
  const int idx[7] = {1, 2, 3, 6, 8, 9, 10};
  for (int i = 0; i < 7; i++) CHECK(napi_get_value_double(env, argv[idx[i]], &d[i]));
  size_t pos = (size_t)d[0], end = (size_t)d[1], cols0 = (size_t)d[3], cols1 = (size_t)d[4];
  size_t row0 = (size_t)d[5], max_rows = (size_t)d[6];
  int delim = (int)d[2];
  /* Memory safety only; the TypeScript side validates the meaning. */
  if (buf == NULL || target == NULL || out0 == NULL || result == NULL || nres < 2 || end > nbuf || pos > end ||
      cols0 == 0 || (row0 + max_rows) * cols0 > n0 || (out1 != NULL && (cols1 == 0 || (row0 + max_rows) * cols1 > n1))) {
    napi_throw_range_error(env, "E_SHAPE", "infonce csv scan: an array is shorter than its arguments need");
    return NULL;
  }
  for (size_t f = 0; f < nfields; f++) {
    int32_t t = target[f];
    if (t < 0) continue;
    size_t g = (size_t)(t >> 20), j = (size_t)(t & 0xfffff);
    if (g > 1 || (g == 0 && j >= cols0) || (g == 1 && (out1 == NULL || j >= cols1))) {
      napi_throw_range_error(env, "E_SHAPE", "infonce csv scan: a field target is out of range");
      return NULL;
    }
  }
  double want = 0;
  if (argc > 12) CHECK(napi_get_value_double(env, argv[12], &want));
  int parts = want >= 1 ? (want > MAX_PARTS ? MAX_PARTS : (int)want) : online_cpus();
  if ((end - pos) / (size_t)parts < SPLIT_MIN / 2) parts = (int)((end - pos) / (SPLIT_MIN / 2));
  advise_huge(out0 + row0 * cols0, n0 - row0 * cols0);
  if (out1 != NULL) advise_huge(out1 + row0 * cols1, n1 - row0 * cols1);
  size_t rows = 0;
  size_t stop = parts <= 1
                    ? scan(buf, pos, end, delim, target, nfields, out0, cols0, out1, cols1, row0, max_rows, &rows)
                    : scan_parallel(buf, pos, end, delim, target, nfields, out0, cols0, out1, cols1, row0, max_rows,
                                    parts, &rows);
  result[0] = (double)stop;
  result[1] = (double)rows;
  return NULL;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {{"scan", NULL, js_scan, NULL, NULL, NULL, napi_enumerable, NULL}};
  if (napi_define_properties(env, exports, 1, props) != napi_ok) return NULL;
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
