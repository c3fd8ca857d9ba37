/*===- preempt.c - Preemption polls under the reference runtime ------------===*\
|*                                                                            *|
|* Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.        *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* The flag and slow path that go-preempt's polls use (-preempt=entry,...     *|
|* with the default -go-preempt-flag, -go-preempt-fn and -go-preempt-cc=c).   *|
|* refrt has no scheduler: under REFRT_STRESS=1 the flag is always set and    *|
|* every poll collects, so each poll site's stack map is exercised like an   *|
|* allocation's. Otherwise the flag stays clear and polls cost a load.        *|
|*                                                                            *|
|* In a file of its own: linked only into programs with polls, and a test     *|
|* harness that defines these symbols itself keeps its own.                   *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#include "refrt_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int32_t refrt_preempt_requested __asm__("__go_preempt_requested");
int32_t refrt_preempt_requested = 0;

__attribute__((constructor)) static void refrt_preempt_init(void) {
  const char *v = getenv("REFRT_STRESS");
  if (v && *v && strcmp(v, "0") != 0 && strcmp(v, "off") != 0)
    __atomic_store_n(&refrt_preempt_requested, 1, __ATOMIC_RELAXED);
}

void refrt_preempt_slow(void) __asm__("__go_preempt_slow")
    __attribute__((noinline, used));
void refrt_preempt_slow(void) {
  if (refrt_cfg.stress && !refrt_cfg.gc_off)
    refrt_collect();
}
