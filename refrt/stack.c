/*===- stack.c - Stack maps and the frame-pointer stack walk ---------------===*\
|*                                                                            *|
|* Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.        *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* The collector's only knowledge of the stack: the go_stackmap tables        *|
|* (docs/StackMapFormat.md) between __start_go_stackmap and                   *|
|* __stop_go_stackmap, indexed once with go_stackmap.h's index helpers, and   *|
|* the frame-pointer chain. Every frame, Go or C, must keep a frame pointer   *|
|* (go-llc -frame-pointer=all, refrt itself -fno-omit-frame-pointer). For the *|
|* frame pointer fp of a callee, the caller's return address is at fp + 8 and *|
|* its stack pointer at the call is fp + 16: exactly the `sp` the live        *|
|* bitmaps are relative to.                                                   *|
|*                                                                            *|
|* Split stacks: a Go function whose frame does not fit calls libgcc's        *|
|* __morestack from its split-stack prologue, which runs the function body on *|
|* a new segment. The chain is then: the body's frame (return address inside *|
|* __morestack) -> __morestack's frame on the old segment (its return address *|
|* points right after `call __morestack` in the function's prologue, and the *|
|* real caller's return address is one word further up) -> the caller. The   *|
|* walker recognises that frame by the call instruction before its return    *|
|* address and continues with the caller (docs/ReferenceRuntime.md).         *|
|*                                                                            *|
|* A return address inside a mapped function (ra - 1 within its code) without *|
|* a call-site record is fatal ("no stack map for return address 0x..."):    *|
|* the frame is go-llc code stopped at a call the maps do not describe.       *|
|* Return addresses outside every mapped function are C or runtime frames,    *|
|* skipped.                                                                   *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#include "refrt_internal.h"

#include "gollc/go_stackmap.h"

#include <stdlib.h>
#include <string.h>

extern const char __start_go_stackmap[] __attribute__((weak));
extern const char __stop_go_stackmap[] __attribute__((weak));
/* libgcc's split-stack entry (morestack.S); weak: a program without split
 * stacks does not link it. */
extern const unsigned char __morestack[] __attribute__((weak));
/* Its variant for split-stack functions that call code without split
 * stacks: linkers that support split stacks (gold, lld) rewrite such a
 * function's prologue to call it. It adds room to %r10 and falls through
 * into __morestack (or returns at once past the prologue's `ret` when the
 * segment has room), so the frame it leaves is __morestack's. */
extern const unsigned char __morestack_non_split[] __attribute__((weak));

static go_stackmap_index_entry *index_;
static size_t index_len;
static int index_built;
static uintptr_t *outermost;

void refrt_set_outermost_frame(void *frame) { outermost = frame; }

static void build_index(void) {
  go_stackmap_index idx;
  int failed;
  index_built = 1;
  failed = go_stackmap_index_build(__start_go_stackmap, __stop_go_stackmap,
                                   malloc, &idx);
  if (idx.rejected)
    refrt_fatal("malformed go_stackmap table at %p", (const void *)idx.bad);
  if (failed)
    refrt_fatal("out of memory indexing stack maps");
  index_ = idx.entries;
  index_len = idx.count;
}

/* ---- the walk ----------------------------------------------------------- */

/* One frame of mapped Go code at a safepoint. */
typedef struct go_frame {
  const go_stackmap_index_entry *e; /* NULL with REFRT_MAPS=gollvm */
  const unsigned char *gmap;        /* the gollvm map: {u32 n; u8 bits[]} */
  uintptr_t func;                   /* the gollvm map's function */
  const go_stackmap_callsite *cs;
  uintptr_t ra, sp;
  uintptr_t fp; /* the frame's own frame pointer (its callee saved it) */
} go_frame;

/* A stack segment's live range [lo, hi). */
typedef struct segment {
  uintptr_t lo, hi;
} segment;

static go_frame *frames;
static size_t nframes, frames_cap;
static segment *segments;
static size_t nsegments, segments_cap;

/* 1 if ra returns right after `call __morestack` or `call
 * __morestack_non_split` (e8 rel32): the frame whose return address it is
 * belongs to __morestack, called from a split-stack prologue. */
static int returns_from_morestack_call(uintptr_t ra) {
  const unsigned char *p = (const unsigned char *)ra;
  int32_t rel;
  uintptr_t target;
  if (!__morestack || ra < 5)
    return 0;
  if (p[-5] != 0xe8)
    return 0;
  memcpy(&rel, p - 4, 4);
  target = ra + (intptr_t)rel;
  return target == (uintptr_t)__morestack ||
         (__morestack_non_split &&
          target == (uintptr_t)__morestack_non_split);
}

/* 1 if ra is the return address of __morestack's call of a function body
 * (`call *%r10`, 41 ff d2, inside __morestack). */
static int returns_into_morestack(uintptr_t ra) {
  const unsigned char *p = (const unsigned char *)ra;
  return __morestack && ra > (uintptr_t)__morestack + 3 &&
         ra - (uintptr_t)__morestack < 0x400 && p[-3] == 0x41 &&
         p[-2] == 0xff && p[-1] == 0xd2;
}

static void add_frame(const go_frame *f) {
  if (nframes == frames_cap) {
    frames_cap = frames_cap ? frames_cap * 2 : 256;
    frames = realloc(frames, frames_cap * sizeof *frames);
    if (!frames)
      refrt_fatal("out of memory recording stack frames");
  }
  frames[nframes++] = *f;
}

static void extend_segment(uintptr_t lo, uintptr_t hi) {
  segment *s = &segments[nsegments - 1];
  if (lo < s->lo)
    s->lo = lo;
  if (hi > s->hi)
    s->hi = hi;
}

static void new_segment(uintptr_t at) {
  if (nsegments == segments_cap) {
    segments_cap = segments_cap ? segments_cap * 2 : 64;
    segments = realloc(segments, segments_cap * sizeof *segments);
    if (!segments)
      refrt_fatal("out of memory recording stack segments");
  }
  segments[nsegments].lo = at;
  segments[nsegments].hi = at;
  nsegments++;
}

/* Walks from the frame pointer `frame` (a C frame of the runtime) to the
 * outermost frame and records every mapped Go frame and every segment. */
static void walk(uintptr_t *fp) {
  int after_morestack_body = 0; /* the previous frame returned into
                                   __morestack: fp is on the old segment */
  nframes = 0;
  nsegments = 0;
  new_segment((uintptr_t)fp);
  while (fp != outermost) {
    uintptr_t ra, sp, *next;
    const go_stackmap_index_entry *e;
    if (!fp || fp > outermost || ((uintptr_t)fp & 7))
      refrt_fatal("corrupt frame-pointer chain at %p (outermost frame %p): "
                  "is every function compiled with frame pointers?",
                  (void *)fp, (void *)outermost);
    ra = fp[1];
    sp = (uintptr_t)(fp + 2);
    next = (uintptr_t *)fp[0];
    if (returns_from_morestack_call(ra)) {
      /* fp is __morestack's frame: [fp] = the caller's frame pointer (the
       * split-stack prologue runs before `push %rbp`), [fp + 8] = the
       * return into the prologue, [fp + 16] = the caller's return address,
       * whose sp at the call is fp + 24. */
      if (!after_morestack_body)
        refrt_fatal("frame at %p returns after a call of __morestack (%p) "
                    "but was not reached from a function body run by "
                    "__morestack",
                    (void *)fp, (void *)ra);
      after_morestack_body = 0;
      refrt_stat.segment_crossings++;
      ra = fp[2];
      sp = (uintptr_t)(fp + 3);
    } else if (after_morestack_body) {
      refrt_fatal("the frame at %p above a function body run by __morestack "
                  "does not return into a split-stack prologue (return "
                  "address %p)",
                  (void *)fp, (void *)ra);
    }
    extend_segment(sp - 16, sp);
    e = NULL;
    if (refrt_cfg.maps_gollvm) {
      go_frame f;
      memset(&f, 0, sizeof f);
      if (refrt_lsda_find(ra, &f.gmap, &f.func)) {
        if (returns_into_morestack(ra))
          refrt_fatal("return address %p is both in __morestack and in a "
                      "function with a gollvm LSDA",
                      (void *)ra);
        f.ra = ra;
        f.sp = sp;
        f.fp = (uintptr_t)next;
        add_frame(&f);
      }
    } else if ((e = go_stackmap_index_find(index_, index_len, ra))) {
      go_frame f;
      f.gmap = NULL;
      f.e = e;
      f.cs = go_stackmap_find_callsite(e->table, e->fn, ra);
      if (!f.cs)
        refrt_fatal("no stack map for return address %p (function at %p + "
                    "%#lx)",
                    (void *)ra, (void *)e->start,
                    (unsigned long)(ra - e->start));
      f.ra = ra;
      f.sp = sp;
      f.fp = (uintptr_t)next;
      add_frame(&f);
    }
    if (returns_into_morestack(ra)) {
      /* The body of a function run on a new segment returns into
       * __morestack, whose frame (next) is on the previous segment. */
      if (e)
        refrt_fatal("return address %p is both in __morestack and in a "
                    "mapped function",
                    (void *)ra);
      extend_segment((uintptr_t)fp, (uintptr_t)fp + 16);
      after_morestack_body = 1;
      new_segment((uintptr_t)next);
    } else if (next && next != outermost && next <= fp) {
      refrt_fatal("corrupt frame-pointer chain: %p follows %p", (void *)next,
                  (void *)fp);
    } else if (next) {
      extend_segment((uintptr_t)fp, (uintptr_t)next + 16);
    }
    fp = next;
  }
  if (after_morestack_body)
    refrt_fatal("the stack walk ended inside __morestack");
  extend_segment((uintptr_t)outermost, (uintptr_t)outermost + 16);
  if (nsegments > refrt_stat.max_segments)
    refrt_stat.max_segments = nsegments;
}

int refrt_on_stack(uintptr_t w) {
  size_t i;
  if (!nsegments) {
    /* Outside a collection (no walk yet): from here to the outermost frame. */
    uintptr_t lo = (uintptr_t)__builtin_frame_address(0);
    return outermost && w >= lo && w < (uintptr_t)outermost + 16;
  }
  for (i = 0; i < nsegments; i++)
    if (w >= segments[i].lo && w < segments[i].hi)
      return 1;
  return 0;
}

static void scan_word(const uintptr_t *at) {
  uintptr_t w = *at;
  if (!w)
    return;
  refrt_stat.stack_roots++;
  if (refrt_cfg.check)
    refrt_check_root(w, "live stack word", at);
  refrt_mark_word(w);
}

/* A frame whose map came from its LSDA: words from sp only. */
static void scan_gollvm_frame(const go_frame *f) {
  uint32_t n, k;
  const unsigned char *bits = f->gmap + 4;
  memcpy(&n, f->gmap, 4);
  refrt_stat.frames_scanned++;
  for (k = 0; k < n; k++)
    if ((bits[k / 8] >> (k % 8)) & 1)
      scan_word((const uintptr_t *)f->sp + k);
}

static void scan_frame(const go_frame *f) {
  const go_stackmap_header *h;
  if (f->gmap) {
    scan_gollvm_frame(f);
    return;
  }
  h = f->e->table;
  const go_stackmap_function *fn = f->e->fn;
  uint32_t n = go_stackmap_live_words(h, f->cs), k;
  uint32_t m = go_stackmap_cfa_live_words(h, f->cs);
  uintptr_t cfa;
  refrt_stat.frames_scanned++;
  if (go_stackmap_frame_variable(fn)) {
    /* A realigned frame: only the frame pointer leads to the CFA. */
    cfa = f->fp + 16;
    if (!f->fp || cfa <= f->sp)
      refrt_fatal("frame of variable size of the function at %p has frame "
                  "pointer %p below its sp %p",
                  (void *)f->e->start, (void *)f->fp, (void *)f->sp);
  } else {
    cfa = f->sp + fn->frame_size + 8;
    if (refrt_cfg.check && f->fp && cfa != f->fp + 16)
      refrt_fatal("frame size %u of the function at %p disagrees with its "
                  "frame pointer (sp %p, saved fp %p)",
                  fn->frame_size, (void *)f->e->start, (void *)f->sp,
                  (void *)f->fp);
  }
  /* One step per live word: a frame whose live words lie far apart (a
   * stack object of 128 MiB) is not scanned word by word. */
  for (k = go_stackmap_next_live(h, f->cs, 0); k != GO_STACKMAP_NO_WORD;
       k = k + 1 < n ? go_stackmap_next_live(h, f->cs, k + 1)
                     : GO_STACKMAP_NO_WORD)
    scan_word((const uintptr_t *)f->sp + k);
  for (k = go_stackmap_cfa_next_live(h, f->cs, 0); k != GO_STACKMAP_NO_WORD;
       k = k + 1 < m ? go_stackmap_cfa_next_live(h, f->cs, k + 1)
                     : GO_STACKMAP_NO_WORD)
    scan_word((const uintptr_t *)cfa + k);
}

void refrt_scan_stack(void *frame) {
  size_t i;
  if (!index_built && !refrt_cfg.maps_gollvm)
    build_index();
  if (!outermost)
    refrt_fatal("stack walk without an outermost frame (call refrt_init "
                "from the C frame that calls Go code)");
  walk(frame);
  for (i = 0; i < nframes; i++)
    scan_frame(&frames[i]);
  nsegments = 0;
}
