/*===- go_stackmap.h - The go_stackmap section, for runtimes ------*- C -*-===*\
|*                                                                            *|
|* Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.        *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* C declarations of the go_stackmap v3 format (docs/StackMapFormat.md) and   *|
|* the lookups a runtime needs: walk the tables between __start_go_stackmap   *|
|* and __stop_go_stackmap, index them, find a function by return address      *|
|* (the one containing ra - 1) and its call site (both binary searches), and  *|
|* test a live word. The one implementation refrt and libgollcrt use. C99,    *|
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
/* The newest version this header reads; it reads version 2 too. A table
 * is version 3 only when one of its descriptors has a part in the runs form
 * (below); any other table is written as version 2, which readers of
 * version 2 understand. */
#define GO_STACKMAP_VERSION 3u
#define GO_STACKMAP_VERSION_BITMAPS 2u
/* Version 3: a descriptor part whose first word has this bit set is in the
 * runs form (below). */
#define GO_STACKMAP_PART_RUNS 0x80000000u
/* go_stackmap_next_live: no live word at or after k. */
#define GO_STACKMAP_NO_WORD 0xFFFFFFFFu
#define GO_STACKMAP_SECTION "go_stackmap"
/* frame_size of a frame whose size is not a constant (a realigned stack):
 * the return address is at fp + 8, fp being the frame's frame pointer. */
#define GO_STACKMAP_FRAME_VARIABLE 0xFFFFFFFFu

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

/* 24 bytes; sorted by start address within a table. */
typedef struct go_stackmap_function {
  int32_t start;           /* function entry minus the address of this field */
  uint32_t code_size;      /* bytes of code: [entry, entry + code_size) */
  uint32_t frame_size;     /* bytes from sp (below) to the return address
                              slot, or GO_STACKMAP_FRAME_VARIABLE */
  uint32_t first_callsite; /* index of its first call site in this table */
  uint32_t num_callsites;  /* its call sites: [first, first + num) */
  uint32_t reserved;       /* 0 */
} go_stackmap_function;

/* 8 bytes; sorted by ret_offset within a function. */
typedef struct go_stackmap_callsite {
  uint32_t ret_offset; /* return address minus function entry */
  uint32_t live;       /* index in the pool of the live-slot descriptor */
} go_stackmap_callsite;

/* A live-slot descriptor at pool index i has two parts. The sp part:
 * pool[i] = N, the number of 8-byte words it covers, then (N + 31) / 32
 * bitmap words; bit k (bit k % 32 of pool[i + 1 + k / 32]) set: the word at
 * sp + 8 * k holds a live pointer. sp is the stack pointer of the frame at
 * the call, after the callee returned (on x86-64: the callee's CFA). Then,
 * right after it, the cfa part, the same way: M words, (M + 31) / 32 bitmap
 * words; bit k set: the word at cfa + 8 * k holds a live pointer, cfa being
 * the frame's own canonical frame address (just above its return address;
 * where its incoming stack arguments start). Index 0 is always the empty
 * descriptor {0, 0}.
 *
 * Version 3 adds the runs form of a part, for frames whose live words lie
 * far apart (a pointer 128 MiB above sp would need a 2 MiB bitmap): its
 * first word is GO_STACKMAP_PART_RUNS | R (R >= 1), then R pairs
 * {first, count}: the words [first, first + count) hold live pointers;
 * runs increase and do not overlap, count >= 1. It covers the words up to
 * the end of its last run. In version 3 a bitmap part covers fewer than
 * 2^31 words. Use the functions below, which read both forms. */

/* 1 if part d of a descriptor of table h is in the runs form. */
static inline int go_stackmap_part_is_runs(const go_stackmap_header *h,
                                           const uint32_t *d) {
  return h->version >= 3 && (d[0] & GO_STACKMAP_PART_RUNS) != 0;
}

/* Pool words of part d (its first word included). */
static inline uint64_t go_stackmap_part_size(const go_stackmap_header *h,
                                             const uint32_t *d) {
  if (go_stackmap_part_is_runs(h, d))
    return 1 + 2 * (uint64_t)(d[0] & ~GO_STACKMAP_PART_RUNS);
  return 1 + ((uint64_t)d[0] + 31) / 32;
}

/* Words part d covers: every live word of it is below. */
static inline uint32_t go_stackmap_part_words(const go_stackmap_header *h,
                                              const uint32_t *d) {
  if (go_stackmap_part_is_runs(h, d)) {
    uint32_t r = d[0] & ~GO_STACKMAP_PART_RUNS;
    return d[2 * r - 1] + d[2 * r];
  }
  return d[0];
}

/* The first live word k' >= k of part d, or GO_STACKMAP_NO_WORD. A scan
 * `for (k = next(0); k != NO_WORD; k = next(k + 1))` visits each live word
 * once and skips bitmap words of zeros and the gaps between runs. */
static inline uint32_t go_stackmap_part_next(const go_stackmap_header *h,
                                             const uint32_t *d, uint32_t k) {
  if (go_stackmap_part_is_runs(h, d)) {
    /* The first run that ends after k (binary search). */
    uint32_t lo = 0, hi = d[0] & ~GO_STACKMAP_PART_RUNS;
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      if ((uint64_t)d[1 + 2 * mid] + d[2 + 2 * mid] <= k)
        lo = mid + 1;
      else
        hi = mid;
    }
    if (lo == (d[0] & ~GO_STACKMAP_PART_RUNS))
      return GO_STACKMAP_NO_WORD;
    return d[1 + 2 * lo] > k ? d[1 + 2 * lo] : k;
  }
  {
    uint64_t w = k; /* 64 bits: the step past the last bitmap word */
    while (w < d[0]) {
      uint32_t bits = d[1 + w / 32] >> (w % 32);
      if (bits) {
        while (!(bits & 1u)) {
          bits >>= 1;
          w++;
        }
        return (uint32_t)w;
      }
      w = (w / 32 + 1) * 32;
    }
  }
  return GO_STACKMAP_NO_WORD;
}

/* 1 if word k of part d holds a live pointer. */
static inline int go_stackmap_part_bit(const go_stackmap_header *h,
                                       const uint32_t *d, uint32_t k) {
  if (go_stackmap_part_is_runs(h, d))
    return go_stackmap_part_next(h, d, k) == k;
  if (k >= d[0])
    return 0;
  return (int)((d[1 + k / 32] >> (k % 32)) & 1u);
}

/* 1 if the part at pool index at (a table's pool of pool_words words) is
 * well formed and lies inside the pool; *size is then its size. */
static inline int go_stackmap_part_valid(const go_stackmap_header *h,
                                         const uint32_t *pool,
                                         uint64_t pool_words, uint64_t at,
                                         uint64_t *size) {
  const uint32_t *d;
  uint64_t n, end = 0, i;
  if (at >= pool_words)
    return 0;
  d = pool + at;
  n = go_stackmap_part_size(h, d);
  if (at + n > pool_words)
    return 0;
  *size = n;
  if (h->version < 3)
    return 1;
  if (!go_stackmap_part_is_runs(h, d))
    return 1;
  if (n < 3)
    return 0;
  for (i = 1; i < n; i += 2) {
    if (d[i] < end || d[i + 1] == 0 ||
        (uint64_t)d[i] + d[i + 1] > GO_STACKMAP_NO_WORD)
      return 0;
    end = (uint64_t)d[i] + d[i + 1];
  }
  return 1;
}

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

/* 1 if the frame of f has no fixed size (see GO_STACKMAP_FRAME_VARIABLE). */
static inline int go_stackmap_frame_variable(const go_stackmap_function *f) {
  return f->frame_size == GO_STACKMAP_FRAME_VARIABLE;
}

/* Returns 1 when the header of the table at h is well formed and the table
 * lies within [h, end): its table_size can be trusted to find the next. */
static inline int go_stackmap_table_header_valid(const go_stackmap_header *h,
                                                 const char *end) {
  const char *p = (const char *)h;
  uint64_t need;
  if ((size_t)(end - p) < sizeof(go_stackmap_header))
    return 0;
  if (h->magic != GO_STACKMAP_MAGIC ||
      h->version < GO_STACKMAP_VERSION_BITMAPS ||
      h->version > GO_STACKMAP_VERSION ||
      h->header_size != sizeof(go_stackmap_header) || h->table_size % 8 != 0 ||
      h->table_size > (uint64_t)(end - p))
    return 0;
  need = (uint64_t)h->header_size +
         sizeof(go_stackmap_function) * (uint64_t)h->num_functions +
         sizeof(go_stackmap_callsite) * (uint64_t)h->num_callsites +
         4u * (uint64_t)h->pool_words;
  return need <= h->table_size && h->pool_words >= 2;
}

/* Returns 1 when the table at h is well formed and lies within [h, end):
 * the header, every function's call-site range, and every call site's
 * descriptor (both parts) inside the pool. */
static inline int go_stackmap_table_valid(const go_stackmap_header *h,
                                          const char *end) {
  uint32_t i;
  const go_stackmap_function *fs;
  const go_stackmap_callsite *cs;
  const uint32_t *pool;
  if (!go_stackmap_table_header_valid(h, end))
    return 0;
  fs = go_stackmap_functions(h);
  cs = go_stackmap_callsites(h);
  pool = go_stackmap_pool(h);
  for (i = 0; i < h->num_functions; i++)
    if ((uint64_t)fs[i].first_callsite + fs[i].num_callsites >
        h->num_callsites)
      return 0;
  for (i = 0; i < h->num_callsites; i++) {
    uint64_t at = cs[i].live, n;
    if (!go_stackmap_part_valid(h, pool, h->pool_words, at, &n) ||
        !go_stackmap_part_valid(h, pool, h->pool_words, at + n, &n))
      return 0;
  }
  return 1;
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

/* The function of table h whose code [start, start + code_size) contains
 * pc, or NULL. Binary search. For a return address ra pass ra - 1: a call
 * that is a function's last instruction returns to the function's end,
 * which may be the next function's entry. */
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
  if (lo == 0 || pc - go_stackmap_function_start(&fs[lo - 1]) >=
                     fs[lo - 1].code_size)
    return NULL;
  return &fs[lo - 1];
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

/* Number of stack words the sp part of the call site's descriptor covers. */
static inline uint32_t go_stackmap_live_words(const go_stackmap_header *h,
                                              const go_stackmap_callsite *c) {
  return go_stackmap_part_words(h, go_stackmap_pool(h) + c->live);
}

/* 1 if the word at sp + 8 * k holds a live pointer at call site c. */
static inline int go_stackmap_live_bit(const go_stackmap_header *h,
                                       const go_stackmap_callsite *c,
                                       uint32_t k) {
  return go_stackmap_part_bit(h, go_stackmap_pool(h) + c->live, k);
}

/* The first k' >= k such that the word at sp + 8 * k' holds a live pointer
 * at call site c, or GO_STACKMAP_NO_WORD. */
static inline uint32_t go_stackmap_next_live(const go_stackmap_header *h,
                                             const go_stackmap_callsite *c,
                                             uint32_t k) {
  return go_stackmap_part_next(h, go_stackmap_pool(h) + c->live, k);
}

/* The cfa part of the call site's descriptor: words it covers, and bit k. */
static inline const uint32_t *
go_stackmap_cfa_part(const go_stackmap_header *h,
                     const go_stackmap_callsite *c) {
  const uint32_t *d = go_stackmap_pool(h) + c->live;
  return d + go_stackmap_part_size(h, d);
}

static inline uint32_t go_stackmap_cfa_live_words(const go_stackmap_header *h,
                                                  const go_stackmap_callsite *c) {
  return go_stackmap_part_words(h, go_stackmap_cfa_part(h, c));
}

/* 1 if the word at cfa + 8 * k holds a live pointer at call site c. */
static inline int go_stackmap_cfa_live_bit(const go_stackmap_header *h,
                                           const go_stackmap_callsite *c,
                                           uint32_t k) {
  return go_stackmap_part_bit(h, go_stackmap_cfa_part(h, c), k);
}

/* The first k' >= k such that the word at cfa + 8 * k' holds a live
 * pointer at call site c, or GO_STACKMAP_NO_WORD. */
static inline uint32_t go_stackmap_cfa_next_live(const go_stackmap_header *h,
                                                 const go_stackmap_callsite *c,
                                                 uint32_t k) {
  return go_stackmap_part_next(h, go_stackmap_cfa_part(h, c), k);
}

/*===--- The program-wide index: one owner for every runtime ---------------===*
 * Within one table the functions are sorted, but across tables (several
 * objects, -ffunction-sections) they interleave: a runtime indexes every
 * function of every table once, sorted by start, and looks return addresses
 * up in that. The caller supplies the allocator (none is called here
 * otherwise):
 *
 *   go_stackmap_index idx;
 *   if (go_stackmap_index_build(begin, end, malloc, &idx) != 0) ...
 *     (out of memory)
 *   if (idx.rejected) ...  (a table was rejected: idx.bad is the first)
 *   e = go_stackmap_index_find(idx.entries, idx.count, ra); // ra - 1's
 *   c = e ? go_stackmap_find_callsite(e->table, e->fn, ra) : NULL;
 *
 * go_stackmap_index_fill and go_stackmap_index_sort are its two steps, for
 * a caller that owns the array.
 */
typedef struct go_stackmap_index_entry {
  uintptr_t start; /* function entry */
  uintptr_t end;   /* start + code_size */
  const go_stackmap_header *table;
  const go_stackmap_function *fn;
} go_stackmap_index_entry;

/* The walk behind go_stackmap_index_fill; tables and callsites (if not
 * NULL) receive the number of valid tables and of their call sites. */
static inline int go_stackmap_index_walk_(const char *begin, const char *end,
                                          go_stackmap_index_entry *out,
                                          size_t cap, size_t *count,
                                          const go_stackmap_header **bad,
                                          uint32_t *tables,
                                          uint64_t *callsites) {
  const go_stackmap_header *h;
  size_t n = 0;
  int rejected = 0;
  *count = 0;
  if (bad)
    *bad = NULL;
  if (tables)
    *tables = 0;
  if (callsites)
    *callsites = 0;
  if (!begin || !end || end <= begin)
    return 0;
  for (h = go_stackmap_first(begin, end); h; h = go_stackmap_next(h, end)) {
    const go_stackmap_function *fs;
    uint32_t i;
    if (!go_stackmap_table_valid(h, end)) {
      if (bad && !rejected)
        *bad = h;
      rejected++;
      if (!go_stackmap_table_header_valid(h, end))
        break;
      continue;
    }
    if (tables)
      (*tables)++;
    if (callsites)
      *callsites += h->num_callsites;
    fs = go_stackmap_functions(h);
    for (i = 0; i < h->num_functions; i++, n++)
      if (out && n < cap) {
        out[n].start = go_stackmap_function_start(&fs[i]);
        out[n].end = out[n].start + fs[i].code_size;
        out[n].table = h;
        out[n].fn = &fs[i];
      }
  }
  *count = n;
  return rejected;
}

/* Walks the tables in [begin, end) and stores up to cap entries (none when
 * out is NULL); *count receives the number of functions of the valid
 * tables. A table whose records are malformed is skipped; a table whose
 * header is malformed stops the walk (its size cannot be trusted to find
 * the next one). Returns the number of rejected tables; *bad (if not NULL)
 * receives the first. */
static inline int go_stackmap_index_fill(const char *begin, const char *end,
                                         go_stackmap_index_entry *out,
                                         size_t cap, size_t *count,
                                         const go_stackmap_header **bad) {
  return go_stackmap_index_walk_(begin, end, out, cap, count, bad, NULL, NULL);
}

static inline void go_stackmap_index_sift_(go_stackmap_index_entry *e,
                                           size_t root, size_t n) {
  for (;;) {
    size_t child = 2 * root + 1;
    go_stackmap_index_entry t;
    if (child >= n)
      return;
    if (child + 1 < n && e[child + 1].start > e[child].start)
      child++;
    if (e[root].start >= e[child].start)
      return;
    t = e[root];
    e[root] = e[child];
    e[child] = t;
    root = child;
  }
}

/* Sorts entries by start (heap sort: O(n log n), no allocation, no libc). */
static inline void go_stackmap_index_sort(go_stackmap_index_entry *e,
                                          size_t n) {
  size_t i;
  go_stackmap_index_entry t;
  for (i = n / 2; i-- > 0;)
    go_stackmap_index_sift_(e, i, n);
  for (i = n; i-- > 1;) {
    t = e[0];
    e[0] = e[i];
    e[i] = t;
    go_stackmap_index_sift_(e, 0, i);
  }
}

/* What go_stackmap_index_build found. */
typedef struct go_stackmap_index {
  go_stackmap_index_entry *entries; /* from alloc, sorted by start; NULL
                                       when count is 0 */
  size_t count;                     /* functions indexed */
  uint32_t tables;                  /* valid tables indexed */
  uint64_t callsites;               /* their call-site records */
  uint32_t rejected;                /* malformed tables (see _fill) */
  const go_stackmap_header *bad;    /* the first of them, or NULL */
} go_stackmap_index;

/* Indexes the tables in [begin, end): counts their functions, takes an
 * array for them from alloc (only when there are any), fills and sorts it.
 * Returns 0, or -1 if alloc returned NULL (then entries is NULL and count
 * 0; tables, callsites, rejected and bad are filled either way). */
static inline int go_stackmap_index_build(const char *begin, const char *end,
                                          void *(*alloc)(size_t),
                                          go_stackmap_index *idx) {
  size_t n = 0;
  idx->entries = NULL;
  idx->count = 0;
  idx->rejected = (uint32_t)go_stackmap_index_walk_(
      begin, end, NULL, 0, &n, &idx->bad, &idx->tables, &idx->callsites);
  if (!n)
    return 0;
  idx->entries =
      (go_stackmap_index_entry *)alloc(n * sizeof(go_stackmap_index_entry));
  if (!idx->entries)
    return -1;
  go_stackmap_index_fill(begin, end, idx->entries, n, &idx->count, NULL);
  go_stackmap_index_sort(idx->entries, idx->count);
  return 0;
}

/* The function whose code contains pc, or NULL. */
static inline const go_stackmap_index_entry *
go_stackmap_index_find_pc(const go_stackmap_index_entry *e, size_t n,
                          uintptr_t pc) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (e[mid].start <= pc)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo && pc < e[lo - 1].end ? &e[lo - 1] : NULL;
}

/* The function a return address ra belongs to: the one containing ra - 1
 * (the call instruction), never the function that starts at ra. */
static inline const go_stackmap_index_entry *
go_stackmap_index_find(const go_stackmap_index_entry *e, size_t n,
                       uintptr_t ra) {
  return ra ? go_stackmap_index_find_pc(e, n, ra - 1) : NULL;
}

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* GOLLC_GO_STACKMAP_H */
