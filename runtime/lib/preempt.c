/*===- preempt.c - Preemption flag, slow path and ticker ------------------===*\
|*                                                                            *|
|* Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.        *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* The runtime side of go-preempt's polls. Code compiled with                 *|
|* `go-llc -preempt=entry,backedge` loads __go_preempt_requested at function  *|
|* entry and loop back edges and calls __go_preempt_slow when it is set.      *|
|* libgo (gccgo-12) has no asynchronous preemption we can use and no stack    *|
|* guard trick for code it did not compile, so this file supplies the other   *|
|* half: a ticker thread that sets the flag every GOLLC_PREEMPT_US            *|
|* microseconds, and a slow path that clears it and yields through            *|
|* runtime.Gosched. It also measures the latency from the ticker setting the  *|
|* flag to a slow path consuming it (GOLLC_PREEMPT_STATS=1 prints it at       *|
|* exit). Linking any object that polls pulls this file out of                *|
|* libgollcrt.a, and its constructor starts the ticker:                       *|
|*                                                                            *|
|*   gccgo-12 prog.o -o prog -L<build>/lib -lgollcrt                          *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#define _GNU_SOURCE
#include "gollc_runtime.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The flag itself. A plain int32_t for the IR side (it is loaded with an
 * atomic monotonic load there); every access here is a C11 atomic on the
 * same object. Aligned so the load never straddles a cache line. */
__attribute__((aligned(64))) int32_t __go_preempt_requested = 0;

/* libgo exports runtime.Gosched under its Go name. Weak, so the library
 * also links into a program without libgo (the unit tests), where the
 * slow path falls back to sched_yield. */
extern void gollc_go_gosched(void) __asm__("runtime.Gosched")
    __attribute__((weak));

#define FLAG ((_Atomic int32_t *)&__go_preempt_requested)
#define NUM_BUCKETS 64

/* When the ticker last set the flag (CLOCK_MONOTONIC ns), 0 if consumed. */
static _Atomic uint64_t SetTimeNs;
static _Atomic uint64_t Ticks, SlowCalls, Samples, MaxNs;
/* Bucket b counts latencies in [2^(b-1), 2^b) ns; bucket 0 counts 0. */
static _Atomic uint64_t Buckets[NUM_BUCKETS];
static pthread_mutex_t StartLock = PTHREAD_MUTEX_INITIALIZER;
static int TickerRunning;
static long PeriodUs = 10000;

static uint64_t nowNs(void) {
  struct timespec T;
  clock_gettime(CLOCK_MONOTONIC, &T);
  return (uint64_t)T.tv_sec * 1000000000u + (uint64_t)T.tv_nsec;
}

static unsigned bucketOf(uint64_t Ns) {
  return Ns == 0 ? 0 : (unsigned)(64 - __builtin_clzll(Ns));
}

/* The ticker runs on a thread libgo knows nothing about. It must not take
 * Go signals (libgo would treat them as arriving on a non-Go thread), so
 * every signal is blocked before it is created. It never touches Go memory:
 * it only stores to the flag. */
__attribute__((no_split_stack)) static void *tickerMain(void *Arg) {
  (void)Arg;
  struct timespec Period = {PeriodUs / 1000000, (PeriodUs % 1000000) * 1000};
  for (;;) {
    while (nanosleep(&Period, &Period) != 0 && errno == EINTR) {
    }
    Period.tv_sec = PeriodUs / 1000000;
    Period.tv_nsec = (PeriodUs % 1000000) * 1000;
    if (atomic_load_explicit(FLAG, memory_order_relaxed) != 0)
      continue; /* Nobody polled since the last tick. */
    atomic_store_explicit(&SetTimeNs, nowNs(), memory_order_relaxed);
    atomic_store_explicit(FLAG, 1, memory_order_release);
    atomic_fetch_add_explicit(&Ticks, 1, memory_order_relaxed);
  }
  return NULL;
}

void __go_preempt_slow(void) {
  uint64_t Now = nowNs();
  atomic_fetch_add_explicit(&SlowCalls, 1, memory_order_relaxed);
  /* Clear the flag before reading the timestamp: a tick landing in between
   * then sets both again and is measured by the next slow path. */
  atomic_store_explicit(FLAG, 0, memory_order_relaxed);
  uint64_t Set = atomic_exchange_explicit(&SetTimeNs, 0, memory_order_acquire);
  if (Set != 0 && Now >= Set) {
    uint64_t Lat = Now - Set;
    atomic_fetch_add_explicit(&Samples, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&Buckets[bucketOf(Lat)], 1,
                              memory_order_relaxed);
    uint64_t Max = atomic_load_explicit(&MaxNs, memory_order_relaxed);
    while (Lat > Max && !atomic_compare_exchange_weak_explicit(
                            &MaxNs, &Max, Lat, memory_order_relaxed,
                            memory_order_relaxed)) {
    }
  }
  if (gollc_go_gosched)
    gollc_go_gosched();
  else
    sched_yield();
}

int gollc_preempt_start(void) {
  int Result = 0;
  pthread_mutex_lock(&StartLock);
  if (!TickerRunning) {
    const char *Env = getenv("GOLLC_PREEMPT_US");
    if (Env && *Env) {
      char *End;
      long V = strtol(Env, &End, 10);
      if (*End != '\0' || V < 0) {
        fprintf(stderr, "gollc-preempt: ignoring bad GOLLC_PREEMPT_US=%s\n",
                Env);
      } else {
        PeriodUs = V;
      }
    }
    if (PeriodUs == 0) {
      Result = -1;
    } else {
      sigset_t All, Old;
      pthread_attr_t Attr;
      pthread_t Thread;
      sigfillset(&All);
      pthread_sigmask(SIG_SETMASK, &All, &Old);
      pthread_attr_init(&Attr);
      pthread_attr_setdetachstate(&Attr, PTHREAD_CREATE_DETACHED);
      if (pthread_create(&Thread, &Attr, tickerMain, NULL) == 0)
        TickerRunning = 1;
      else
        Result = -1;
      pthread_attr_destroy(&Attr);
      pthread_sigmask(SIG_SETMASK, &Old, NULL);
    }
  }
  pthread_mutex_unlock(&StartLock);
  return Result;
}

static uint64_t percentile(const uint64_t *Counts, uint64_t Total,
                           unsigned Per) {
  /* The smallest bucket whose cumulative count reaches Per% of Total;
   * reported as the bucket's upper bound. */
  uint64_t Need = (Total * Per + 99) / 100, Sum = 0;
  for (unsigned B = 0; B < NUM_BUCKETS; ++B) {
    Sum += Counts[B];
    if (Sum >= Need && Need > 0)
      return B == 0 ? 0 : (B >= 64 ? UINT64_MAX : (1ull << B) - 1);
  }
  return 0;
}

void gollc_preempt_get_stats(gollc_preempt_stats *Out) {
  uint64_t Counts[NUM_BUCKETS], Total = 0;
  for (unsigned B = 0; B < NUM_BUCKETS; ++B) {
    Counts[B] = atomic_load_explicit(&Buckets[B], memory_order_relaxed);
    Total += Counts[B];
  }
  memset(Out, 0, sizeof(*Out));
  Out->ticks = atomic_load_explicit(&Ticks, memory_order_relaxed);
  Out->slow_calls = atomic_load_explicit(&SlowCalls, memory_order_relaxed);
  Out->samples = Total;
  Out->p50_ns = percentile(Counts, Total, 50);
  Out->p99_ns = percentile(Counts, Total, 99);
  Out->max_ns = atomic_load_explicit(&MaxNs, memory_order_relaxed);
  /* A percentile bucket bound can exceed the exact maximum. */
  if (Out->p50_ns > Out->max_ns)
    Out->p50_ns = Out->max_ns;
  if (Out->p99_ns > Out->max_ns)
    Out->p99_ns = Out->max_ns;
}

void gollc_preempt_print_stats(void) {
  gollc_preempt_stats S;
  gollc_preempt_get_stats(&S);
  fprintf(stderr,
          "gollc-preempt: period_us=%ld ticks=%llu slow=%llu samples=%llu "
          "p50_us=%.1f p99_us=%.1f max_us=%.1f\n",
          PeriodUs, (unsigned long long)S.ticks,
          (unsigned long long)S.slow_calls, (unsigned long long)S.samples,
          S.p50_ns / 1000.0, S.p99_ns / 1000.0, S.max_ns / 1000.0);
}

__attribute__((constructor)) static void gollcPreemptInit(void) {
  const char *Stats = getenv("GOLLC_PREEMPT_STATS");
  if (Stats && strcmp(Stats, "1") == 0)
    atexit(gollc_preempt_print_stats);
  gollc_preempt_start();
}
