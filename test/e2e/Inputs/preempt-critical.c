/* Helpers of preempt-critical.go (test/e2e/preempt-libgo-critical.test),
 * called from Go code compiled by go-llc; Gollvm passes a closure pointer in
 * r10 that C ignores. enterCritical and leaveCritical put the running M in
 * and out of one of libgo's critical sections the way the runtime does:
 * kind 0 takes a lock (m.locks++, as lock() does), kind 1 sets
 * m.preemptoff (as the runtime does around code that must not be
 * preempted). The offsets are GCC 12's libgo (go1.18) on x86-64, the ones
 * runtime/lib/preempt.c reads: g.m at 16; m.preemptoff at 216 (data) and
 * 224 (length), m.locks at 232. */
#include "gollc_runtime.h"

#include <stdint.h>

extern __thread char *current_g __asm__("runtime.g")
    __attribute__((tls_model("initial-exec")));

static char *currentM(void) { return *(char **)(current_g + 16); }

static const char Reason[] = "preempt-critical test";

void enterCritical(long Kind) __asm__("main.enterCritical");
void enterCritical(long Kind) {
  char *M = currentM();
  if (Kind == 0) {
    ++*(int32_t *)(M + 232);
  } else {
    *(const char **)(M + 216) = Reason;
    *(intptr_t *)(M + 224) = sizeof(Reason) - 1;
  }
}

void leaveCritical(long Kind) __asm__("main.leaveCritical");
void leaveCritical(long Kind) {
  char *M = currentM();
  if (Kind == 0) {
    --*(int32_t *)(M + 232);
  } else {
    *(const char **)(M + 216) = 0;
    *(intptr_t *)(M + 224) = 0;
  }
}

long long deferredPolls(void) __asm__("main.deferredPolls");
long long deferredPolls(void) {
  gollc_preempt_stats S;
  gollc_preempt_get_stats(&S);
  return (long long)S.deferred;
}
