/*===- refrt_internal.h - Shared between refrt's files -------------*- C -*-===*\
|*                                                                            *|
|* Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.        *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* Interfaces between the heap (heap.c), the stack walker (stack.c) and the   *|
|* Go entry points (goapi.c). Not installed.                                  *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef REFRT_INTERNAL_H
#define REFRT_INTERNAL_H

#include "refrt.h"

/* Marks the object w points into (if any) and queues it for scanning. */
void refrt_mark_word(uintptr_t w);
/* Checker: fatal unless w is nil or points into an allocated object, the
 * program image or the stack. */
void refrt_check_root(uintptr_t w, const char *what, const void *where);
int refrt_in_heap(const void *p);
/* Collects with the stack walk starting at frame (a frame pointer). */
void refrt_collect_from(void *frame);

/* sysstack.S: calls fn(a, b) on refrt's own 256 KiB stack (unless already
 * there): for C work deeper than the room a split-stack segment leaves. */
void refrt_on_system_stack(void *a, void *b, void (*fn)(void *, void *));

/* goapi.c: go-preempt's poll flag; set for good under REFRT_STRESS. */
extern int32_t refrt_preempt_requested __asm__("__go_preempt_requested");

/* stack.c */
void refrt_set_outermost_frame(void *frame);
/* A SIGSEGV below 4096 (a folded nil check) stops the program with the
 * line of runtime.panicmem (goapi.c). */
void refrt_install_nil_fault_handler(void);
/* Marks the live stack words of every mapped frame from frame (a frame
 * pointer of a C frame of the runtime) up to the outermost frame. */
void refrt_scan_stack(void *frame);
/* 1 if w lies in the stack between the current sp and the outermost frame. */
int refrt_on_stack(uintptr_t w);

/* lsda.c: the stack map of return address ra found through its frame's
 * LSDA (REFRT_MAPS=gollvm). 1 with *map = {u32 nwords; u8 bits[]} and
 * *func = the function's entry; 0 for a frame that is not Go code with
 * maps; fatal for a Go function without a map for ra. */
/* Runtime functions written in C have no stack maps, so a pointer argument
 * they still need after an allocation (growslice's old backing array, the
 * bytes slicebytetostring copies) is pinned for that time: the collector
 * marks pinned words as roots. Pins nest; refrt_unpin(n) drops the last n. */
void refrt_pin(const void *p);
void refrt_unpin(int n);

int refrt_lsda_find(uintptr_t ra, const unsigned char **map, uintptr_t *func);

/* lsda.c: reading an LSDA (the Itanium C++ ABI's layout, as LLVM and GCC
 * write it), shared by the gollvm maps and the personality routine. */
typedef struct refrt_lsda {
  uintptr_t func;              /* the function's start (region start) */
  uintptr_t lpstart;           /* landing pads are offsets from it */
  const unsigned char *ttbase; /* end of the type table, NULL if none */
  size_t tt_size;              /* bytes per type-table entry */
  unsigned char tt_enc, cs_enc;
  const unsigned char *cs, *cs_end; /* call-site table; actions follow */
} refrt_lsda;
typedef struct refrt_callsite {
  uintptr_t start, len, lp; /* offsets: from func (start) and lpstart (lp) */
  uintptr_t action;         /* 0: no action, else 1 + offset in actions */
} refrt_callsite;
void refrt_lsda_parse(const unsigned char *lsda, uintptr_t func,
                      refrt_lsda *out);
/* Reads the call-site entry at p; returns the next one. */
const unsigned char *refrt_lsda_callsite(const refrt_lsda *l,
                                         const unsigned char *p,
                                         refrt_callsite *cs);
/* Reads the action record at rec (its type filter); returns the next
 * record of the chain or NULL. */
const unsigned char *refrt_lsda_action(const refrt_lsda *l,
                                       const unsigned char *rec,
                                       intptr_t *filter);
/* The type info a positive type filter names (0 for a catch-all). */
uintptr_t refrt_lsda_type(const refrt_lsda *l, intptr_t filter);
const unsigned char *refrt_sleb(const unsigned char *p, intptr_t *out);

#endif /* REFRT_INTERNAL_H */
