/*===- preempt_ticker_test.c - Unit test of the ticker and slow path ------===*\
|*                                                                            *|
|* Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.        *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* Without libgo: polls __go_preempt_requested the way go-preempt's code      *|
|* does (an atomic load in a busy loop) for about 200 ms and calls            *|
|* __go_preempt_slow whenever it is set. The constructor-started ticker must  *|
|* have set the flag repeatedly (GOLLC_PREEMPT_US from the environment), the  *|
|* slow path must have cleared it every time and measured a latency, and a  *|
|* reset must zero the counters. Prints the stats line and exits 1 on a      *|
|* failed check; run by                                                       *|
|* test/e2e/runtime-ticker.test:                                              *|
|*                                                                            *|
|*   GOLLC_PREEMPT_US=1000 build/runtime/test/gollcrt-ticker-test             *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#include "gollc_runtime.h"

#include <stdio.h>
#include <time.h>

static double seconds(void) {
  struct timespec T;
  clock_gettime(CLOCK_MONOTONIC, &T);
  return T.tv_sec + T.tv_nsec / 1e9;
}

int main(void) {
  unsigned long long Polls = 0, Taken = 0;
  double End = seconds() + 0.2;
  while (seconds() < End) {
    ++Polls;
    if (__atomic_load_n(&__go_preempt_requested, __ATOMIC_RELAXED)) {
      ++Taken;
      __go_preempt_slow();
    }
  }
  gollc_preempt_stats S;
  gollc_preempt_get_stats(&S);
  gollc_preempt_print_stats();
  int Failures = 0;
  if (S.ticks < 20) {
    printf("FAIL: only %llu ticks in 200 ms\n", (unsigned long long)S.ticks);
    ++Failures;
  }
  if (S.slow_calls != Taken) {
    printf("FAIL: slow_calls=%llu but %llu polls saw the flag\n",
           (unsigned long long)S.slow_calls, Taken);
    ++Failures;
  }
  if (S.samples == 0 || S.samples > S.ticks || S.max_ns == 0 ||
      S.p50_ns > S.p99_ns || S.p99_ns > S.max_ns) {
    printf("FAIL: inconsistent latency figures\n");
    ++Failures;
  }
  /* A reset zeroes every counter: nothing polls after it, and the ticker
   * can raise at most the one hint that stays up unanswered. */
  gollc_preempt_reset_stats();
  gollc_preempt_get_stats(&S);
  if (S.slow_calls || S.samples || S.max_ns || S.mean_ns || S.p99_ns ||
      S.requests || S.late || S.honoured || S.not_asked || S.deferred ||
      S.ticks > 1) {
    printf("FAIL: counters not zero after gollc_preempt_reset_stats\n");
    ++Failures;
  }
  printf("ticker: polls=%llu taken=%llu failures=%d\n", Polls, Taken,
         Failures);
  return Failures != 0;
}
