/*===- watchdog.c - The deadline of bench/preempt-scale/scale.go -------------===*\
|*                                                                            *|
|* Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.        *|
|*                                                                            *|
|* startWatchdog(ns, &stop), called from scale.go (Gollvm passes a closure   *|
|* pointer in r10, which C ignores), starts a thread libgo knows nothing     *|
|* about that sleeps ns nanoseconds and sets stop. It needs no P: in the      *|
|* build without polls no goroutine ever yields, and this is what ends the    *|
|* run. It is called once the goroutines exist, just before they are         *|
|* released, and zeroes libgollcrt's counters there: the figures are those   *|
|* of the spinning goroutines, not of main creating them (main spends that   *|
|* time inside libgo's newproc, which holds m.locks: libgo asks it, but      *|
|* neither libgo's checks nor go-llc's polls may yield there, so its request *|
|* stays pending for the 100-200 ms the 10,000 goroutines take to create).   *|
|* Built by utils/bench-preempt-scale with gccgo-12 -c.                      *|
\*===----------------------------------------------------------------------===*/
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>

void gollc_preempt_reset_stats(void); /* libgollcrt (gollc_runtime.h) */

static int64_t DeadlineNs;
static int32_t *Stop;

static void *watch(void *Arg) {
  (void)Arg;
  struct timespec T = {DeadlineNs / 1000000000, DeadlineNs % 1000000000};
  while (nanosleep(&T, &T) != 0) {
  }
  __atomic_store_n(Stop, 1, __ATOMIC_RELEASE);
  return NULL;
}

void startWatchdog(int64_t Ns, int32_t *StopFlag) __asm__("main.startWatchdog");
void startWatchdog(int64_t Ns, int32_t *StopFlag) {
  DeadlineNs = Ns;
  Stop = StopFlag;
  /* Signals blocked: libgo's handlers must not run on a thread it does not
   * know. */
  sigset_t All, Old;
  pthread_t T;
  pthread_attr_t A;
  sigfillset(&All);
  pthread_sigmask(SIG_SETMASK, &All, &Old);
  pthread_attr_init(&A);
  pthread_attr_setdetachstate(&A, PTHREAD_CREATE_DETACHED);
  pthread_create(&T, &A, watch, NULL);
  pthread_attr_destroy(&A);
  pthread_sigmask(SIG_SETMASK, &Old, NULL);
  gollc_preempt_reset_stats();
}
