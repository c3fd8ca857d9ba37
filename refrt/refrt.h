/*===- refrt.h - The precise reference runtime ---------------------*- C -*-===*\
|*                                                                            *|
|* Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.        *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* refrt is a small precise mark-sweep runtime that Gollvm-style programs     *|
|* compiled by `go-llc -gc=go -frame-pointer=all` link against instead of     *|
|* libgo. Its only knowledge of the stack is the go_stackmap tables; its only *|
|* knowledge of globals is the lists passed to runtime.registerGCRoots. A     *|
|* wrong or missing stack-map bit therefore shows up as a freed (and, in      *|
|* stress mode, poisoned) object: see docs/ReferenceRuntime.md.               *|
|*                                                                            *|
|* This header declares what C code (main, tests) uses; the Go-visible entry  *|
|* points are defined in refrt.c under their Go names (runtime.newobject...). *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef REFRT_REFRT_H
#define REFRT_REFRT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Go 1.18's runtime._type as Gollvm emits it (%_type.0 in its IR):
 * { i64 size, i64 ptrdata, i32 hash, i8 tflag, i8 align, i8 fieldAlign,
 *   i8 kind, ptr equal, ptr gcdata, ptr string, ptr uncommon, ptr ptrToThis }.
 * Only size, ptrdata, kind and gcdata matter to the collector. */
typedef struct refrt_type {
  uint64_t size;
  uint64_t ptrdata;
  uint32_t hash;
  uint8_t tflag;
  uint8_t align;
  uint8_t field_align;
  uint8_t kind;
  const void *equal;
  const uint8_t *gcdata;
  const void *string;
  const void *uncommon;
  const void *ptr_to_this;
} refrt_type;

/* kind & REFRT_KIND_GC_PROG: gcdata is a GC program, not a mask. */
#define REFRT_KIND_GC_PROG (1u << 6)

/* libgo's gcRoot / gcRootList (runtime/mgc_gccgo.go). */
typedef struct refrt_root {
  void *decl;
  uintptr_t size;
  uintptr_t ptrdata;
  const uint8_t *gcdata;
} refrt_root;

typedef struct refrt_root_list {
  struct refrt_root_list *next;
  intptr_t count;
  refrt_root roots[];
} refrt_root_list;

/* Settings, read from the environment by refrt_init:
 *   REFRT_STRESS=1  collect at every allocation and poison freed memory;
 *   REFRT_CHECK=1   verify every root word (stack words the maps mark, global
 *                   root words) is nil or points into the heap (to an
 *                   allocated object), the program image or the stack, and
 *                   that each mapped frame's size agrees with its frame
 *                   pointers; REFRT_STRESS implies it;
 *   REFRT_GC=off    never collect (to check a program's output alone);
 *   REFRT_STATS=1   print collection statistics on stderr at exit. */
typedef struct refrt_config {
  int stress;
  int check;
  int gc_off;
  int stats;
  /* REFRT_MAPS=gollvm: find stack maps through each frame's LSDA (the
   * gollvm format, refrt/lsda.c) instead of the go_stackmap tables. */
  int maps_gollvm;
} refrt_config;

extern refrt_config refrt_cfg;

/* Reads the environment and records the caller's frame as the outermost one
 * the stack walker visits. Call it from the C frame that calls Go code. */
void refrt_init(void *outermost_frame);

/* Allocates a zeroed object of type t (count elements of t laid out
 * contiguously). May collect first. */
void *refrt_alloc(const refrt_type *t, uint64_t count);

/* Runs a full collection now: roots are the registered lists and the stack
 * words the go_stackmap tables mark in the frames above the caller. */
void refrt_collect(void);

/* 1 if p points into an allocated (not freed) heap object. */
int refrt_is_allocated(const void *p);

typedef struct refrt_stats {
  uint64_t collections;
  uint64_t frames_scanned; /* frames with a stack map */
  uint64_t stack_roots;    /* non-nil live stack words seen */
  uint64_t global_roots;   /* non-nil global root words seen */
  uint64_t objects_freed;
  uint64_t objects_live;   /* after the last collection */
  uint64_t poll_collections; /* collections from preemption polls */
  uint64_t segment_crossings; /* __morestack frames walked across */
  uint64_t max_segments;   /* most stack segments seen in one walk */
} refrt_stats;

extern refrt_stats refrt_stat;

/* The poison pattern freed memory is filled with in stress mode. */
#define REFRT_POISON 0xdeadbeefu

/* Reports a fatal runtime error ("refrt: fatal: ...") and exits with 2. */
void refrt_fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#ifdef __cplusplus
}
#endif

#endif /* REFRT_REFRT_H */
