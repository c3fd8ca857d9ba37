/*===- stack.c - Stack maps and the frame-pointer stack walk ---------------===*\
|*                                                                            *|
|* Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.        *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* The collector's only knowledge of the stack: the go_stackmap tables        *|
|* (docs/StackMapFormat.md) between __start_go_stackmap and                   *|
|* __stop_go_stackmap, indexed once by function start, and the frame-pointer *|
|* chain. Every frame, Go or C, must keep a frame pointer (go-llc            *|
|* -frame-pointer=all, refrt itself -fno-omit-frame-pointer). For the frame   *|
|* pointer fp of a callee, the caller's return address is at fp + 8 and its   *|
|* stack pointer at the call is fp + 16: exactly the `sp` the live bitmaps    *|
|* are relative to.                                                           *|
|*                                                                            *|
|* A return address inside a mapped function but without a call-site record  *|
|* is fatal ("no stack map for return address 0x..."): the frame is go-llc    *|
|* code stopped at a call the maps do not describe. Return addresses outside *|
|* every mapped function are C or runtime frames, skipped.                    *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#include "refrt_internal.h"

#include "gollc/go_stackmap.h"

#include <stdlib.h>

extern const char __start_go_stackmap[] __attribute__((weak));
extern const char __stop_go_stackmap[] __attribute__((weak));

typedef struct fn_entry {
  uintptr_t start;
  uintptr_t last_ret; /* start + the largest ret_offset */
  const go_stackmap_header *table;
  const go_stackmap_function *fn;
} fn_entry;

static fn_entry *index_;
static size_t index_len;
static int index_built;
static uintptr_t *outermost;

void refrt_set_outermost_frame(void *frame) { outermost = frame; }

static int by_start(const void *a, const void *b) {
  uintptr_t x = ((const fn_entry *)a)->start, y = ((const fn_entry *)b)->start;
  return x < y ? -1 : x > y;
}

static void build_index(void) {
  const char *begin = __start_go_stackmap, *end = __stop_go_stackmap;
  const go_stackmap_header *h;
  size_t n = 0, cap = 0;
  index_built = 1;
  if (!begin || !end || begin >= end)
    return;
  for (h = go_stackmap_first(begin, end); h; h = go_stackmap_next(h, end)) {
    const go_stackmap_function *fs;
    uint32_t i;
    if (!go_stackmap_table_valid(h, end))
      refrt_fatal("malformed go_stackmap table at %p", (const void *)h);
    fs = go_stackmap_functions(h);
    for (i = 0; i < h->num_functions; i++) {
      const go_stackmap_function *f = &fs[i];
      const go_stackmap_callsite *cs;
      if ((uint64_t)f->first_callsite + f->num_callsites > h->num_callsites)
        refrt_fatal("go_stackmap table at %p: function %u has call sites "
                    "beyond the table",
                    (const void *)h, i);
      if (n == cap) {
        cap = cap ? cap * 2 : 64;
        index_ = realloc(index_, cap * sizeof *index_);
        if (!index_)
          refrt_fatal("out of memory indexing stack maps");
      }
      cs = go_stackmap_callsites(h) + f->first_callsite;
      index_[n].start = go_stackmap_function_start(f);
      index_[n].last_ret =
          index_[n].start + (f->num_callsites ? cs[f->num_callsites - 1].ret_offset : 0);
      index_[n].table = h;
      index_[n].fn = f;
      n++;
    }
  }
  qsort(index_, n, sizeof *index_, by_start);
  index_len = n;
}

/* The mapped function that may contain pc: the last one starting at or
 * below it. */
static const fn_entry *find(uintptr_t pc) {
  size_t lo = 0, hi = index_len;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (index_[mid].start <= pc)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo ? &index_[lo - 1] : NULL;
}

int refrt_on_stack(uintptr_t w) {
  uintptr_t lo = (uintptr_t)__builtin_frame_address(0) - 4096;
  return outermost && w >= lo && w < (uintptr_t)outermost + 16;
}

static void scan_frame(const fn_entry *e, const go_stackmap_callsite *cs,
                       uintptr_t sp, uintptr_t *caller_fp) {
  uint32_t n = go_stackmap_live_words(e->table, cs), k;
  refrt_stat.frames_scanned++;
  if (refrt_cfg.check && caller_fp &&
      sp + e->fn->frame_size != (uintptr_t)caller_fp + 8)
    refrt_fatal("frame size %u of the function at %p disagrees with its frame "
                "pointer (sp %p, saved fp %p)",
                e->fn->frame_size, (void *)e->start, (void *)sp,
                (void *)caller_fp);
  for (k = 0; k < n; k++) {
    uintptr_t w;
    if (!go_stackmap_live_bit(e->table, cs, k))
      continue;
    w = ((const uintptr_t *)sp)[k];
    if (!w)
      continue;
    refrt_stat.stack_roots++;
    if (refrt_cfg.check)
      refrt_check_root(w, "live stack word", (const uintptr_t *)sp + k);
    refrt_mark_word(w);
  }
}

void refrt_scan_stack(void *frame) {
  uintptr_t *fp = frame;
  if (!index_built)
    build_index();
  if (!outermost)
    refrt_fatal("stack walk without an outermost frame (call refrt_init "
                "from the C frame that calls Go code)");
  while (fp != outermost) {
    uintptr_t ra, sp;
    uintptr_t *next;
    const fn_entry *e;
    if (!fp || fp > outermost || ((uintptr_t)fp & 7))
      refrt_fatal("corrupt frame-pointer chain at %p (outermost frame %p): "
                  "is every function compiled with frame pointers?",
                  (void *)fp, (void *)outermost);
    ra = fp[1];
    sp = (uintptr_t)(fp + 2);
    next = (uintptr_t *)fp[0];
    if (next && next != outermost && next <= fp)
      refrt_fatal("corrupt frame-pointer chain: %p follows %p", (void *)next,
                  (void *)fp);
    e = find(ra);
    if (e && ra <= e->last_ret) {
      const go_stackmap_callsite *cs =
          go_stackmap_find_callsite(e->table, e->fn, ra);
      if (!cs)
        refrt_fatal("no stack map for return address %p (function at %p + "
                    "%#lx)",
                    (void *)ra, (void *)e->start,
                    (unsigned long)(ra - e->start));
      scan_frame(e, cs, sp, next);
    }
    fp = next;
  }
}
