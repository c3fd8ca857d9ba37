/*===- go_stackmap.h - The go_stackmap section, for runtimes ------*- C -*-===*\
|*                                                                            *|
|* Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.        *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* C declarations of the go_stackmap v1 format (docs/StackMapFormat.md) and   *|
|* the lookups a runtime needs: walk the tables between __start_go_stackmap   *|
|* and __stop_go_stackmap, find a function by address, find a call site by    *|
|* return address (both binary searches), and test a live word. Plain C99,    *|
|* header-only, no allocation: usable from a runtime written in C or C++.     *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef GOLLC_GO_STACKMAP_H
#define GOLLC_GO_STACKMAP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* "GOSM" read as a little-endian uint32. */
#define GO_STACKMAP_MAGIC 0x4D534F47u
#define GO_STACKMAP_VERSION 1u
#define GO_STACKMAP_SECTION "go_stackmap"

/* 32 bytes; every table starts 8-byte aligned. */
typedef struct go_stackmap_header {
  uint32_t magic;         /* GO_STACKMAP_MAGIC */
  uint16_t version;       /* GO_STACKMAP_VERSION */
  uint16_t header_size;   /* 32 */
  uint32_t table_size;    /* bytes of this table, header included; % 8 == 0 */
  uint32_t num_functions; /* go_stackmap_function records after the header */
  uint32_t num_callsites; /* go_stackmap_callsite records after those */
  uint32_t pool_words;    /* uint32_t words of live-slot descriptors after those */
  uint32_t reserved[2];   /* 0 */
} go_stackmap_header;

/* 16 bytes; sorted by start address within a table. */
typedef struct go_stackmap_function {
  int32_t start;           /* function entry minus the address of this field */
  uint32_t frame_size;     /* bytes from sp (below) to the return address slot */
  uint32_t first_callsite; /* index of its first call site in this table */
  uint32_t num_callsites;  /* its call sites: [first, first + num) */
} go_stackmap_function;

/* 8 bytes; sorted by ret_offset within a function. */
typedef struct go_stackmap_callsite {
  uint32_t ret_offset; /* return address minus function entry */
  uint32_t live;       /* index in the pool of the live-slot descriptor */
} go_stackmap_callsite;

/* A live-slot descriptor at pool index i: pool[i] = N, the number of 8-byte
 * stack words it covers, then (N + 31) / 32 bitmap words. Bit k (bit k % 32
 * of pool[i + 1 + k / 32]) set: the word at sp + 8 * k holds a live pointer.
 * sp is the stack pointer of the frame at the call, after the callee
 * returned (on x86-64: the callee's CFA). Index 0 is always N = 0. */

static inline const go_stackmap_function *
go_stackmap_functions(const go_stackmap_header *h) {
  return (const go_stackmap_function *)((const char *)h + h->header_size);
}

static inline const go_stackmap_callsite *
go_stackmap_callsites(const go_stackmap_header *h) {
  return (const go_stackmap_callsite *)(go_stackmap_functions(h) +
                                        h->num_functions);
}

static inline const uint32_t *go_stackmap_pool(const go_stackmap_header *h) {
  return (const uint32_t *)(go_stackmap_callsites(h) + h->num_callsites);
}

static inline uintptr_t go_stackmap_function_start(const go_stackmap_function *f) {
  return (uintptr_t)&f->start + (intptr_t)f->start;
}

/* Returns 1 when the table at h is well formed and lies within [h, end). */
static inline int go_stackmap_table_valid(const go_stackmap_header *h,
                                          const char *end) {
  const char *p = (const char *)h;
  uint64_t need;
  if ((size_t)(end - p) < sizeof(go_stackmap_header))
    return 0;
  if (h->magic != GO_STACKMAP_MAGIC || h->version != GO_STACKMAP_VERSION ||
      h->header_size != sizeof(go_stackmap_header) || h->table_size % 8 != 0 ||
      h->table_size > (uint64_t)(end - p))
    return 0;
  need = (uint64_t)h->header_size + 16u * (uint64_t)h->num_functions +
         8u * (uint64_t)h->num_callsites + 4u * (uint64_t)h->pool_words;
  return need <= h->table_size;
}

/* The next table after h, skipping zero padding; NULL at end. */
static inline const go_stackmap_header *
go_stackmap_next(const go_stackmap_header *h, const char *end) {
  const char *p = (const char *)h + h->table_size;
  while (p + 8 <= end && *(const uint64_t *)p == 0)
    p += 8;
  return p + sizeof(go_stackmap_header) <= end ? (const go_stackmap_header *)p
                                               : NULL;
}

/* The first table in [begin, end), skipping zero padding; NULL if none. */
static inline const go_stackmap_header *go_stackmap_first(const char *begin,
                                                          const char *end) {
  const char *p = begin;
  while (p + 8 <= end && *(const uint64_t *)p == 0)
    p += 8;
  return p + sizeof(go_stackmap_header) <= end ? (const go_stackmap_header *)p
                                               : NULL;
}

/* The function of table h containing pc (the last one starting at or below
 * pc), or NULL. Binary search. */
static inline const go_stackmap_function *
go_stackmap_find_function(const go_stackmap_header *h, uintptr_t pc) {
  const go_stackmap_function *fs = go_stackmap_functions(h);
  uint32_t lo = 0, hi = h->num_functions;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (go_stackmap_function_start(&fs[mid]) <= pc)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo == 0 ? NULL : &fs[lo - 1];
}

/* The call site of f whose return address is exactly ret, or NULL. */
static inline const go_stackmap_callsite *
go_stackmap_find_callsite(const go_stackmap_header *h,
                          const go_stackmap_function *f, uintptr_t ret) {
  const go_stackmap_callsite *cs = go_stackmap_callsites(h) + f->first_callsite;
  uintptr_t start = go_stackmap_function_start(f);
  uint64_t off;
  uint32_t lo = 0, hi = f->num_callsites;
  if (ret < start)
    return NULL;
  off = ret - start;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (cs[mid].ret_offset == off)
      return &cs[mid];
    if (cs[mid].ret_offset < off)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

/* Number of stack words the call site's descriptor covers. */
static inline uint32_t go_stackmap_live_words(const go_stackmap_header *h,
                                              const go_stackmap_callsite *c) {
  return go_stackmap_pool(h)[c->live];
}

/* 1 if the word at sp + 8 * k holds a live pointer at call site c. */
static inline int go_stackmap_live_bit(const go_stackmap_header *h,
                                       const go_stackmap_callsite *c,
                                       uint32_t k) {
  const uint32_t *d = go_stackmap_pool(h) + c->live;
  if (k >= d[0])
    return 0;
  return (int)((d[1 + k / 32] >> (k % 32)) & 1u);
}

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* GOLLC_GO_STACKMAP_H */
