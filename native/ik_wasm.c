/*
 * WebAssembly-only glue: the I/O arena the JavaScript wrapper copies Float32Array arguments into, and the few
 * libc symbols the compiler may call (the module is built with -nostdlib).
 */
#if defined(__wasm__)
#include <stddef.h>

#include "ik_internal.h"

static float *io_buf = NULL;
static size_t io_cap = 0;

/* A 64-byte aligned region of at least `bytes` in linear memory, valid until the next call of this function. */
__attribute__((export_name("ik_io_reserve"))) void *ik_io_reserve(size_t bytes) {
  return ik_reserve(&io_buf, &io_cap, (bytes + sizeof(float) - 1) / sizeof(float));
}

void *memcpy(void *dst, const void *src, size_t n) {
  unsigned char *d = (unsigned char *)dst;
  const unsigned char *s = (const unsigned char *)src;
  while (n--) *d++ = *s++;
  return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
  unsigned char *d = (unsigned char *)dst;
  const unsigned char *s = (const unsigned char *)src;
  if (d < s) {
    while (n--) *d++ = *s++;
  } else {
    while (n--) d[n] = s[n];
  }
  return dst;
}

void *memset(void *dst, int c, size_t n) {
  unsigned char *d = (unsigned char *)dst;
  while (n--) *d++ = (unsigned char)c;
  return dst;
}
#endif
