/* Helpers of preempt-not-asked.go (test/e2e/preempt-libgo-not-asked.test),
 * called from Go code compiled by go-llc; Gollvm passes a closure pointer in
 * r10 that C ignores. preemptHint raises the hint the way libgollcrt's scans
 * do for a goroutine asked on another thread (a positive epoch, only if no
 * hint is up); yields reports how many times an asked goroutine yielded. */
#include "gollc_runtime.h"

void preemptHint(void) __asm__("main.preemptHint");
void preemptHint(void) {
  int32_t Zero = 0;
  __atomic_compare_exchange_n(&__go_preempt_requested, &Zero, 0x7000,
                              0, __ATOMIC_RELEASE, __ATOMIC_RELAXED);
}

long long yields(void) __asm__("main.yields");
long long yields(void) {
  gollc_preempt_stats S;
  gollc_preempt_get_stats(&S);
  return (long long)S.honoured;
}
