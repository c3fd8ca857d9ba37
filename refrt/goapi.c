/*===- goapi.c - The runtime functions Gollvm-style code calls -------------===*\
|*                                                                            *|
|* Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.        *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* The libgo entry points the test programs use, under their Go symbol names  *|
|* (`runtime.newobject`, ...). Gollvm passes a closure context with the       *|
|* `nest` attribute first; on x86-64 it travels in r10, so these C functions  *|
|* simply do not declare it. Each function is noinline and keeps its frame    *|
|* pointer, so the collector's frame walk passes through it.                  *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#include "refrt_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GOAPI(name) __asm__(name) __attribute__((noinline, used))

/* func newobject(typ *_type) unsafe.Pointer */
void *runtime_newobject(const refrt_type *t) GOAPI("runtime.newobject");
void *runtime_newobject(const refrt_type *t) { return refrt_alloc(t, 1); }

/* func makeslice(et *_type, len, cap int) unsafe.Pointer (Go 1.18). */
void *runtime_makeslice(const refrt_type *et, int64_t len, int64_t cap)
    GOAPI("runtime.makeslice");
void *runtime_makeslice(const refrt_type *et, int64_t len, int64_t cap) {
  if (len < 0 || len > cap)
    refrt_fatal("panic: runtime error: makeslice: len out of range");
  if (cap < 0 || (et->size && (uint64_t)cap > (1ull << 40) / et->size))
    refrt_fatal("panic: runtime error: makeslice: cap out of range");
  return refrt_alloc(et, (uint64_t)cap);
}

/* Explicit collection, as Go's runtime.GC(). */
void runtime_GC(void) GOAPI("runtime.GC");
void runtime_GC(void) { refrt_collect(); }

/* println support: Gollvm lowers println(a, b) to printlock, print<kind>
 * per operand with printsp between, printnl, printunlock. */
void runtime_printlock(void) GOAPI("runtime.printlock");
void runtime_printlock(void) {}
void runtime_printunlock(void) GOAPI("runtime.printunlock");
void runtime_printunlock(void) {}
void runtime_printint(int64_t v) GOAPI("runtime.printint");
void runtime_printint(int64_t v) { printf("%lld", (long long)v); }
void runtime_printuint(uint64_t v) GOAPI("runtime.printuint");
void runtime_printuint(uint64_t v) { printf("%llu", (unsigned long long)v); }
void runtime_printsp(void) GOAPI("runtime.printsp");
void runtime_printsp(void) { putchar(' '); }
void runtime_printnl(void) GOAPI("runtime.printnl");
void runtime_printnl(void) { putchar('\n'); }
/* A Go string {ptr, len} arrives as two words. */
void runtime_printstring(const char *p, int64_t n) GOAPI("runtime.printstring");
void runtime_printstring(const char *p, int64_t n) {
  fwrite(p, 1, (size_t)n, stdout);
}

void runtime_panicmem(void) GOAPI("runtime.panicmem");
void runtime_panicmem(void) {
  refrt_fatal("panic: runtime error: invalid memory address or nil pointer "
              "dereference");
}

void runtime_goPanicIndex(int64_t x, int64_t y) GOAPI("runtime.goPanicIndex");
void runtime_goPanicIndex(int64_t x, int64_t y) {
  refrt_fatal("panic: runtime error: index out of range [%lld] with length "
              "%lld",
              (long long)x, (long long)y);
}

/* The personality Gollvm names in functions with landing pads. refrt has no
 * panics, so no Go exception is ever raised; a foreign exception unwinding
 * through Go frames runs no Go cleanups (_URC_CONTINUE_UNWIND), which is
 * what a personality that finds no handler answers. */
int refrt_gccgo_personality(int version, int actions, uint64_t exception_class,
                            void *exception, void *context)
    __asm__("__gccgo_personality_v0");
int refrt_gccgo_personality(int version, int actions, uint64_t exception_class,
                            void *exception, void *context) {
  return 8; /* _URC_CONTINUE_UNWIND */
}

/* go-preempt's polls (docs/Preemption.md): code compiled with
 * -preempt=entry,backedge loads __go_preempt_requested at function entries
 * and loop back edges and calls __go_preempt_slow when it is set. refrt has
 * one thread and no scheduler, so nothing sets the flag, except under
 * REFRT_STRESS, where it stays set and every poll collects: each poll is a
 * safepoint whose stack map the collector then relies on. */
__attribute__((aligned(64))) int32_t refrt_preempt_requested
    __asm__("__go_preempt_requested");
void refrt_preempt_slow(void) GOAPI("__go_preempt_slow");
void refrt_preempt_slow(void) {
  if (refrt_cfg.stress && !refrt_cfg.gc_off) {
    refrt_stat.poll_collections++;
    refrt_collect();
    return;
  }
  __atomic_store_n(&refrt_preempt_requested, 0, __ATOMIC_RELAXED);
}
