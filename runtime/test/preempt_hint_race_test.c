/*===- preempt_hint_race_test.c - A fresh hint survives an older clock read ===*\
|*                                                                            *|
|* Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.        *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* Links gollcrt-testclock (preempt.c whose clock is gollc_test_clock_ns,     *|
|* defined here) and stands in for libgo: runtime.g, runtime.getg and         *|
|* runtime.Gosched, and g, m and p records at the offsets of GCC 12's libgo.  *|
|* Three threads: "sysmon" (a g0 without a P), A (its goroutine asked) and B  *|
|* (its goroutine not asked). A thread that read the clock just before a      *|
|* scan refreshed the hint must not take the hint for 2^64 ns old: B's slow   *|
|* path, with a clock read 1 ns older than the scan's, keeps the hint up for  *|
|* A (it used to clear it, and A then ran on until the next scan, 10 ms       *|
|* later). Then A polls and yields, and the hint goes down. A request that   *|
|* arrives while a hint is up gets a new epoch, which a thread retiring the  *|
|* older hint cannot take down. Exits 1 on a failed check; run by            *|
|* test/e2e/runtime-hint-race.test:                                          *|
|*                                                                            *|
|*   GOLLC_PREEMPT_US=0 build/runtime/test/gollcrt-hint-race-test             *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#include "gollc_runtime.h"

#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/*===--- libgo, as much of it as preempt.c reads ----------------------------===*/

/* GCC 12's libgo on x86-64 (preempt.c has the list). */
enum { G_M = 16, G_STATUS = 48, G_GOID = 56, G_PREEMPT = 81 };
enum { M_G0 = 0, M_CURG = 160, M_P = 176, M_LOCKS = 232 };
enum { P_STATUS = 4, P_M = 56 };
#define AT(Rec, Off, Type) (*(Type *)((char *)(Rec) + (Off)))

__thread void *TestG __asm__("runtime.g");
void *testGetg(void) __asm__("runtime.getg");
void *testGetg(void) { return TestG; }
static _Atomic int Yields;
void testGosched(void) __asm__("runtime.Gosched");
/* The goroutine goes to the run queue; when it runs again, libgo's
 * execute clears g.preempt. */
void testGosched(void) {
  ++Yields;
  AT(TestG, G_PREEMPT, uint8_t) = 0;
}
void testUsleep(uint32_t Us) __asm__("runtime.usleep");
void testMinit(void) __asm__("runtime.minit");

static uint64_t Clock = 1;
uint64_t gollc_test_clock_ns(void) { return Clock; }

typedef struct Thread {
  _Alignas(8) char G[128], G0[128], M[256], P[64];
  int64_t Goid;
  int HasP;
  sem_t Go, Done;
  void (*Step)(void);
} Thread;

static void setUp(Thread *T, int64_t Goid, int HasP) {
  memset(T->G, 0, sizeof(T->G));
  memset(T->G0, 0, sizeof(T->G0));
  memset(T->M, 0, sizeof(T->M));
  memset(T->P, 0, sizeof(T->P));
  AT(T->G0, G_M, void *) = T->M;
  AT(T->M, M_G0, void *) = T->G0;
  if (HasP) {
    AT(T->G, G_M, void *) = T->M;
    AT(T->G, G_STATUS, uint32_t) = 2; /* _Grunning */
    AT(T->G, G_GOID, int64_t) = Goid;
    AT(T->M, M_CURG, void *) = T->G;
    AT(T->M, M_P, void *) = T->P;
    AT(T->P, P_STATUS, uint32_t) = 1; /* _Prunning */
    AT(T->P, P_M, void *) = T->M;
  }
  T->HasP = HasP;
  sem_init(&T->Go, 0, 0);
  sem_init(&T->Done, 0, 0);
}

/* Each thread runs the steps main hands it, one at a time. */
static void *threadMain(void *Arg) {
  Thread *T = Arg;
  TestG = T->HasP ? (void *)T->G : (void *)T->G0;
  testMinit(); /* libgo's minit: registers the thread's slot */
  sem_post(&T->Done);
  for (;;) {
    sem_wait(&T->Go);
    if (!T->Step)
      return NULL;
    T->Step();
    sem_post(&T->Done);
  }
}

static void run(Thread *T, void (*Step)(void)) {
  T->Step = Step;
  sem_post(&T->Go);
  sem_wait(&T->Done);
}

static void poll(void) { __go_preempt_slow(); }
static void poll32(void) {
  for (int I = 0; I < 32; ++I)
    __go_preempt_slow();
}
static void sysmonIteration(void) { testUsleep(0); }

static int32_t hint(void) {
  return __atomic_load_n(&__go_preempt_requested, __ATOMIC_ACQUIRE);
}

int main(void) {
  static Thread Sysmon, A, B;
  setUp(&Sysmon, 0, 0);
  setUp(&A, 1, 1);
  setUp(&B, 2, 1);
  pthread_t Ids[3];
  Thread *All[3] = {&Sysmon, &A, &B};
  for (int I = 0; I < 3; ++I) {
    pthread_create(&Ids[I], NULL, threadMain, All[I]);
    sem_wait(&All[I]->Done);
  }
  int Failures = 0;
#define CHECK(Cond, What)                                                      \
  do {                                                                         \
    if (!(Cond)) {                                                             \
      printf("FAIL: %s\n", What);                                              \
      ++Failures;                                                              \
    }                                                                          \
  } while (0)

  /* B's first poll runs the layout check and retires the start-up hint. */
  run(&B, poll);
  CHECK(hint() == 0, "the start-up hint is retired when nobody is asked");

  /* libgo's sysmon asks A; the scan after its iteration raises a hint at
   * t = 1000 ns. */
  AT(A.G, G_PREEMPT, uint8_t) = 1;
  Clock = 1000;
  run(&Sysmon, sysmonIteration);
  CHECK(hint() != 0, "a scan raises the hint for an asked goroutine");

  /* B, not asked, polls with a clock read at 999 ns (just before the
   * scan): the hint is fresh, and A has not yielded: it stays up. */
  Clock = 999;
  run(&B, poll);
  CHECK(hint() != 0, "a poll that read the clock before the raise keeps the hint");
  run(&B, poll32); /* the periodic hold-time check, same clock */
  CHECK(hint() != 0, "the hold-time check with an older clock keeps the hint");
  CHECK(Yields == 0, "a goroutine not asked does not yield");

  /* A polls, yields, and nobody else is asked: the hint goes down. */
  Clock = 2000;
  run(&A, poll);
  CHECK(Yields == 1, "the asked goroutine yields at its poll");
  CHECK(hint() == 0, "the hint is retired after the last asked goroutine yields");

  /* A request that arrives while a hint is up gets a hint of its own (a
   * new epoch): a thread whose scan came before the request and which
   * then retires the hint it saw, by a compare-and-swap from that epoch,
   * must not take the new request's hint down with it. (With the request
   * merged into the old hint, the asked goroutine ran on until the next
   * scan: yields of 2-10 ms in the 300 s benchmark runs.) */
  Clock = 3000;
  AT(A.G, G_PREEMPT, uint8_t) = 1;
  run(&Sysmon, sysmonIteration);
  int32_t First = hint();
  CHECK(First != 0, "a scan raises the hint for A");
  Clock = 3001;
  run(&B, poll); /* not asked: acknowledges First, A is pending */
  AT(B.G, G_PREEMPT, uint8_t) = 1;
  Clock = 3002;
  run(&Sysmon, sysmonIteration);
  int32_t Second = hint();
  CHECK(Second != 0 && Second != First,
        "a new request replaces the hint that is up with a new epoch");
  int32_t Stale = First;
  __atomic_compare_exchange_n(&__go_preempt_requested, &Stale, 0, 0,
                              __ATOMIC_RELAXED, __ATOMIC_RELAXED);
  CHECK(hint() != 0, "retiring the older hint leaves the new request's hint up");
  Clock = 3003;
  run(&B, poll);
  CHECK(Yields == 2, "B, asked, yields at its poll");
  run(&A, poll);
  CHECK(Yields == 3, "A, still asked, yields at its poll");
  CHECK(hint() == 0, "the hint is retired when both have yielded");

  for (int I = 0; I < 3; ++I) {
    All[I]->Step = NULL;
    sem_post(&All[I]->Go);
    pthread_join(Ids[I], NULL);
  }
  printf("hint-race: failures=%d\n", Failures);
  return Failures != 0;
}
