/*===- preempt.c - Preemption hint, slow path and libgo's requests --------===*\
|*                                                                            *|
|* Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.        *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* The runtime side of go-preempt's polls. Code compiled with                 *|
|* `go-llc -preempt=entry,backedge` loads __go_preempt_requested at function  *|
|* entry and loop back edges and calls __go_preempt_slow when it is set.      *|
|* libgo (gccgo-12) already decides which goroutine should yield: sysmon's    *|
|* retake sets g.preempt in a goroutine that has run past forcePreemptNS, and *|
|* stop-the-world sets it in every running one; gccgo just has no way to make *|
|* the goroutine notice. Here the flag is only a hint ("someone may have to   *|
|* yield"), raised right after each sysmon iteration and by a watcher thread; *|
|* the slow path yields (runtime.Gosched) only if the current goroutine's     *|
|* g.preempt is set, and leaves the hint up while another running goroutine   *|
|* still has to see it. See docs/Runtime.md, "Preemption". The latency from   *|
|* a request being seen to the yield is measured (GOLLC_PREEMPT_STATS=1       *|
|* prints it at exit). Linking any object that polls pulls this file out of   *|
|* libgollcrt.a:                                                              *|
|*                                                                            *|
|*   gccgo-12 prog.o -o prog -L<build>/lib -lgollcrt                          *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#define _GNU_SOURCE
#include "gollc_runtime.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

/* The hint itself. A plain int32_t for the IR side (it is loaded with an
 * atomic monotonic load there); every access here is a C11 atomic on the
 * same object. Non-zero means "some goroutine may have to yield"; the value
 * is the epoch of the hint, so a slow path clears exactly the hint it saw
 * and never one raised after it. It starts raised: the first poll of the
 * program runs the libgo layout check. Aligned so the load never straddles
 * a cache line. */
__attribute__((aligned(64))) int32_t __go_preempt_requested = 1;

/* libgo exports these under their Go names. Weak, so the library also
 * links into a program without libgo (the unit tests), where every hint is
 * a request for whoever polls and the slow path yields with sched_yield. */
extern void gollc_go_gosched(void) __asm__("runtime.Gosched")
    __attribute__((weak));
extern void *gollc_go_getg(void) __asm__("runtime.getg") __attribute__((weak));
/* The current goroutine, libgo's thread-local runtime.g. Its address is
 * this thread's slot, which the scans below read from other threads. */
extern __thread void *gollc_tls_g __asm__("runtime.g")
    __attribute__((weak, tls_model("initial-exec")));

#define FLAG ((_Atomic int32_t *)&__go_preempt_requested)
#define NUM_BUCKETS 64

/*===--- libgo 12's layout (GCC 12.2, libgo/go/runtime/runtime2.go) --------===*/

/* Byte offsets on x86-64. g: _panic, _defer, m, syscallsp, syscallpc, param
 * (0..47), atomicstatus uint32 (48), goid int64 (56), schedlink (64),
 * waitsince (72), waitreason uint8 (80), preempt bool (81), preemptStop
 * bool (82). m: g0 (0), procid (8), gsignal (16), sigmask (24, glibc's
 * 128-byte sigset_t), mstartfn (152), curg (160), caughtsig (168), p (176),
 * nextp (184), oldp (192), id int64 (200), mallocing int32 (208), throwing
 * int32 (212), preemptoff string (216: data, 224: length), locks int32 (232).
 * p: id int32 (0), status uint32 (4), link, schedtick, syscalltick,
 * sysmontick (24..55), m (56). checkLayout verifies all of them on the
 * first goroutine that polls. */
#ifndef GOLLC_TEST_G_M_OFFSET
#define GOLLC_TEST_G_M_OFFSET 16
#endif
enum {
  G_M = GOLLC_TEST_G_M_OFFSET, /* a test build moves it (layout-mismatch) */
  G_STATUS = 48,
  G_GOID = 56,
  G_PREEMPT = 81,
  G_PREEMPT_STOP = 82,
  M_G0 = 0,
  M_CURG = 160,
  M_P = 176,
  M_MALLOCING = 208,
  M_PREEMPTOFF_LEN = 224,
  M_LOCKS = 232,
  P_STATUS = 4,
  P_M = 56,
  G_RUNNING = 2,    /* _Grunning */
  G_SCAN = 0x1000,  /* _Gscan, or-ed into a status while a scan holds it */
  P_RUNNING = 1     /* _Prunning */
};

#define FIELD(Ptr, Off, Type) (*(Type volatile *)((char *)(Ptr) + (Off)))

static int gAsked(void *G) {
  uint32_t Status = FIELD(G, G_STATUS, uint32_t) & ~(uint32_t)G_SCAN;
  return FIELD(G, G_PREEMPT, uint8_t) != 0 && Status == G_RUNNING;
}

/* libgo's canPreemptM (preempt.go), for the M running the current user
 * goroutine G: an asked goroutine yields only outside the runtime's critical
 * sections, as libgo's own checkPreempt does. Code go-llc compiled runs
 * inside one when it is libgo's runtime package itself (a function holding
 * a lock: yielding there throws "schedule: holding locks"), or is called by
 * it (a type's hash or equality function under m.preemptoff). The request
 * stays pending: the first poll after the section yields. */
static int canPreemptM(void *G) {
  void *M = FIELD(G, G_M, void *);
  void *P = FIELD(M, M_P, void *);
  return FIELD(M, M_LOCKS, int32_t) == 0 &&
         FIELD(M, M_MALLOCING, int32_t) == 0 &&
         FIELD(M, M_PREEMPTOFF_LEN, intptr_t) == 0 && P &&
         FIELD(P, P_STATUS, uint32_t) == P_RUNNING;
}

/*===--- Counters -----------------------------------------------------------===*/

static _Atomic uint64_t Hints, SlowCalls, Samples, SumNs, MaxNs;
static _Atomic uint64_t Requests, Late, Honoured, NotAsked, Deferred;
/* Bucket b counts latencies in [2^(b-1), 2^b) ns; bucket 0 counts 0. */
static _Atomic uint64_t Buckets[NUM_BUCKETS];
static pthread_mutex_t StartLock = PTHREAD_MUTEX_INITIALIZER;
static int WatcherRunning;
static long PeriodUs = 10000;

#ifdef GOLLC_TEST_CLOCK
/* gollcrt-testclock: the test sets the time (runtime/test/
 * preempt_hint_race_test.c). */
uint64_t gollc_test_clock_ns(void);
static uint64_t nowNs(void) { return gollc_test_clock_ns(); }
#else
static uint64_t nowNs(void) {
  struct timespec T;
  clock_gettime(CLOCK_MONOTONIC, &T);
  return (uint64_t)T.tv_sec * 1000000000u + (uint64_t)T.tv_nsec;
}
#endif

static unsigned bucketOf(uint64_t Ns) {
  return Ns == 0 ? 0 : (unsigned)(64 - __builtin_clzll(Ns));
}

static void recordLatency(uint64_t Lat) {
  atomic_fetch_add_explicit(&Samples, 1, memory_order_relaxed);
  atomic_fetch_add_explicit(&SumNs, Lat, memory_order_relaxed);
  atomic_fetch_add_explicit(&Buckets[bucketOf(Lat)], 1, memory_order_relaxed);
  uint64_t Max = atomic_load_explicit(&MaxNs, memory_order_relaxed);
  while (Lat > Max &&
         !atomic_compare_exchange_weak_explicit(
             &MaxNs, &Max, Lat, memory_order_relaxed, memory_order_relaxed)) {
  }
}

/*===--- The hint -----------------------------------------------------------===*/

static _Atomic int32_t Epoch = 1;
static _Atomic uint64_t RaisedNs;
/* How long a hint stays up after the newest request it stands for, for an
 * asked goroutine that does not poll (it runs gccgo code, or its thread
 * waits for a CPU): after this, the next goroutine not asked clears it, so
 * polls elsewhere stop taking the slow path, and the next scan raises it
 * again if the request is still pending. sysmon's longest period: while it
 * keeps asking (every iteration) the hint stays up. */
static const uint64_t HoldNs = 10000000;

/* How long ago, at Now, the hint was raised or last refreshed. A thread
 * that read its clock just before a scan refreshed the hint has a Now older
 * than RaisedNs: the hint is then fresh (age 0), not 2^64 ns old, which
 * would retire it without looking and leave the asked goroutine running
 * until the next scan (test/e2e/runtime-hint-race.test). */
static uint64_t hintAgeNs(uint64_t Now) {
  uint64_t Raised = atomic_load_explicit(&RaisedNs, memory_order_relaxed);
  return Now > Raised ? Now - Raised : 0;
}

/* Raises a hint. For a request (Request) the hint is always a new one,
 * with a new epoch, even when one is up: a thread that has just decided to
 * retire the hint that was up (its scan came before this request) retires
 * it with a compare-and-swap from the epoch it saw, which then fails, and
 * this request keeps its hint (test/e2e/runtime-hint-race.test). Merged
 * into the old epoch, the request was lost with it, and the asked goroutine
 * ran on until the next scan. A census hint (not a request) is raised only
 * when none is up. The hold time runs from the newest request. */
static void raiseHint(uint64_t Now, int Request) {
  int32_t Old = atomic_load_explicit(FLAG, memory_order_relaxed);
  if (Old != 0 && !Request)
    return;
  int32_t E = atomic_fetch_add_explicit(&Epoch, 1, memory_order_relaxed) + 1;
  if (E <= 0) { /* Wrapped: epochs are positive, 0 means "no hint". */
    atomic_store_explicit(&Epoch, 1, memory_order_relaxed);
    E = 1;
  }
  atomic_store_explicit(&RaisedNs, Now, memory_order_relaxed);
  while (!atomic_compare_exchange_weak_explicit(FLAG, &Old, E,
                                                memory_order_release,
                                                memory_order_relaxed))
    if (Old != 0 && !Request)
      return;
  atomic_fetch_add_explicit(&Hints, 1, memory_order_relaxed);
}

/*===--- Threads that run go-llc code ---------------------------------------===*/

/* One slot per thread that has entered the slow path: the address of its
 * runtime.g, so a scan can see which goroutine it runs, and the request
 * that goroutine has been seen with. libgo never frees a g (allgs keeps
 * them), so a g read from a slot can always be dereferenced; a thread that
 * exits drops its slot first (a pthread key destructor). */
typedef struct Slot {
  void **TlsG;      /* &runtime.g of the thread, NULL when free */
  void *ReqG;       /* the asked goroutine a scan saw here, or NULL */
  uint64_t ReqNs;   /* when a scan first saw it */
  int SeenBySysmon; /* a scan right after sysmon's retake saw it */
} Slot;
#define MAX_SLOTS 256
static Slot Slots[MAX_SLOTS];
static unsigned NumSlots; /* slots in use are below this */
static pthread_mutex_t SlotLock = PTHREAD_MUTEX_INITIALIZER;
static pthread_key_t SlotKey;
static _Atomic int LayoutChecked;
static __thread Slot *MySlot;
static __thread int32_t AckedEpoch;
static __thread unsigned Reentries;

static void dropSlot(void *Arg) {
  Slot *S = Arg;
  pthread_mutex_lock(&SlotLock);
  memset(S, 0, sizeof(*S));
  pthread_mutex_unlock(&SlotLock);
}

static Slot *registerThread(void) {
  Slot *S = NULL;
  pthread_mutex_lock(&SlotLock);
  for (unsigned I = 0; I < MAX_SLOTS && !S; ++I)
    if (!Slots[I].TlsG)
      S = &Slots[I];
  if (S) {
    S->TlsG = &gollc_tls_g;
    if ((unsigned)(S - Slots) >= NumSlots)
      NumSlots = (unsigned)(S - Slots) + 1;
    pthread_setspecific(SlotKey, S);
  }
  pthread_mutex_unlock(&SlotLock);
  return S;
}

/* Looks at every registered thread's goroutine; SlotLock held. Returns 1 if
 * one other than Self has been asked and has not yielded yet. FromSysmon:
 * called right after an iteration of sysmon, i.e. at libgo's own check; a
 * request still pending then was not honoured in time. */
static int scanLocked(uint64_t Now, int FromSysmon, const Slot *Self) {
  int Pending = 0;
  for (unsigned I = 0; I < NumSlots; ++I) {
    Slot *S = &Slots[I];
    if (!S->TlsG)
      continue;
    void *G = __atomic_load_n(S->TlsG, __ATOMIC_RELAXED);
    if (G && gAsked(G)) {
      if (S->ReqG != G) {
        S->ReqG = G;
        S->ReqNs = Now;
        S->SeenBySysmon = 0;
      } else if (FromSysmon && S->SeenBySysmon) {
        /* Still pending at sysmon's next iteration, whose retake has just
         * asked again: one request not honoured in time, one new one. */
        atomic_fetch_add_explicit(&Late, 1, memory_order_relaxed);
      }
      if (FromSysmon) {
        S->SeenBySysmon = 1;
        atomic_fetch_add_explicit(&Requests, 1, memory_order_relaxed);
      }
      if (S != Self)
        Pending = 1;
    } else {
      /* Not asked (any more): honoured by a yield libgo saw itself, e.g.
       * in mallocgc, or never pending. */
      S->ReqG = NULL;
    }
  }
  return Pending;
}

static void scanAndHint(int FromSysmon) {
  uint64_t Now = nowNs();
  pthread_mutex_lock(&SlotLock);
  int Pending = scanLocked(Now, FromSysmon, NULL);
  pthread_mutex_unlock(&SlotLock);
  if (Pending)
    raiseHint(Now, 1);
}

/*===--- The libgo layout check ---------------------------------------------===*/

static void __attribute__((noreturn)) layoutMismatch(const char *What) {
  fprintf(stderr,
          "gollc-preempt: error: libgo's g does not have the layout of GCC "
          "12's libgo (go1.18) that libgollcrt reads: %s; link with "
          "gccgo-12\n",
          What);
  _exit(2);
}

/* Checks, on a running user goroutine G, every libgo field the scans and
 * the slow path read: a wrong layout would make them read garbage (or
 * yield at random), so it stops the program with one clear line instead. */
static void checkLayout(void *G) {
  if (gollc_go_getg() != G)
    layoutMismatch("runtime.getg() and runtime.g disagree");
  void *M = FIELD(G, G_M, void *);
  if (!M || FIELD(M, M_CURG, void *) != G)
    layoutMismatch("g.m.curg is not the running g");
  void *G0 = FIELD(M, M_G0, void *);
  if (!G0 || G0 == G || FIELD(G0, G_M, void *) != M)
    layoutMismatch("g.m.g0.m is not g.m");
  void *P = FIELD(M, M_P, void *);
  if (!P || FIELD(P, P_M, void *) != M ||
      FIELD(P, P_STATUS, uint32_t) != P_RUNNING)
    layoutMismatch("g.m.p.m is not g.m, or p is not running");
  if ((FIELD(G, G_STATUS, uint32_t) & ~(uint32_t)G_SCAN) != G_RUNNING)
    layoutMismatch("g.atomicstatus is not _Grunning");
  if (FIELD(G, G_GOID, int64_t) <= 0)
    layoutMismatch("g.goid is not positive");
  if (FIELD(G, G_PREEMPT, uint8_t) > 1 || FIELD(G, G_PREEMPT_STOP, uint8_t) > 1)
    layoutMismatch("g.preempt or g.preemptStop is not a bool");
  if (FIELD(M, M_LOCKS, int32_t) < 0 || FIELD(M, M_MALLOCING, int32_t) < 0 ||
      FIELD(M, M_PREEMPTOFF_LEN, intptr_t) < 0)
    layoutMismatch("m.locks, m.mallocing or len(m.preemptoff) is negative");
}

/* The user goroutine running this slow path, or NULL on a thread's g0 (go-llc
 * code called from a C callback on a system stack) where there is nothing
 * to yield. The first user goroutine to get here runs the layout check. */
static void *currentUserG(void) {
  void *G = gollc_tls_g;
  if (!G)
    return NULL;
  if (!atomic_load_explicit(&LayoutChecked, memory_order_acquire)) {
    void *M = FIELD(G, G_M, void *);
    if (M && FIELD(M, M_G0, void *) == G)
      return NULL;
    pthread_mutex_lock(&StartLock);
    if (!atomic_load_explicit(&LayoutChecked, memory_order_relaxed)) {
      checkLayout(G);
      atomic_store_explicit(&LayoutChecked, 1, memory_order_release);
    }
    pthread_mutex_unlock(&StartLock);
    return G;
  }
  void *M = FIELD(G, G_M, void *);
  return M && FIELD(M, M_G0, void *) == G ? NULL : G;
}

/*===--- The slow path ------------------------------------------------------===*/

/* Clears the hint E unless a goroutine on another thread is still asked and
 * the hint has been up for less than HoldNs. */
static void retireHint(int32_t E, const Slot *Self, uint64_t Now) {
  int Pending = 0;
  if (hintAgeNs(Now) < HoldNs) {
    pthread_mutex_lock(&SlotLock);
    Pending = scanLocked(Now, 0, Self);
    pthread_mutex_unlock(&SlotLock);
  }
  if (!Pending)
    atomic_compare_exchange_strong_explicit(FLAG, &E, 0, memory_order_relaxed,
                                            memory_order_relaxed);
}

/* Without libgo (the unit tests): every hint is a request for the caller. */
static void slowWithoutLibgo(void) {
  uint64_t Now = nowNs();
  uint64_t Raised = atomic_load_explicit(&RaisedNs, memory_order_relaxed);
  int32_t E = atomic_load_explicit(FLAG, memory_order_acquire);
  if (E != 0 && atomic_compare_exchange_strong_explicit(
                    FLAG, &E, 0, memory_order_relaxed, memory_order_relaxed)) {
    if (Raised != 0 && Now >= Raised)
      recordLatency(Now - Raised);
  }
  sched_yield();
}

void __go_preempt_slow(void) {
  atomic_fetch_add_explicit(&SlowCalls, 1, memory_order_relaxed);
  if (!gollc_go_getg || !gollc_go_gosched) {
    slowWithoutLibgo();
    return;
  }
  int32_t E = atomic_load_explicit(FLAG, memory_order_acquire);
  void *G = currentUserG();
  if (!G)
    return; /* On g0 nothing can yield; the hint stays for a goroutine. */
  Slot *S = MySlot;
  if (!S)
    S = MySlot = registerThread();
  if (gAsked(G)) {
    if (!canPreemptM(G)) {
      /* Asked inside a critical section: keep running, with the request
       * and the hint left up for the polls after it. */
      atomic_fetch_add_explicit(&Deferred, 1, memory_order_relaxed);
      return;
    }
    uint64_t Now = nowNs();
    /* libgo asked this goroutine: yield. The latency runs from the scan
     * that first saw the request; a request no scan saw yet (found through
     * a hint raised for another one) has no start time and no sample. */
    uint64_t Seen = 0;
    if (S) {
      pthread_mutex_lock(&SlotLock);
      if (S->ReqG == G)
        Seen = S->ReqNs;
      S->ReqG = NULL;
      pthread_mutex_unlock(&SlotLock);
    }
    atomic_fetch_add_explicit(&Honoured, 1, memory_order_relaxed);
    /* A scan between this thread's clock read and the lock saw the request
     * after the yield began: latency 0, not a dropped sample. */
    if (Seen != 0)
      recordLatency(Now > Seen ? Now - Seen : 0);
    if (E != 0)
      retireHint(E, S, Now);
    /* runtime.Gosched puts the goroutine on the global run queue and
     * schedules; execute() clears g.preempt when it runs again. */
    gollc_go_gosched();
    return;
  }
  /* Not asked: keep running. Look at the others once per hint; after that
   * only the hold time can retire it. */
  atomic_fetch_add_explicit(&NotAsked, 1, memory_order_relaxed);
  if (E == 0)
    return;
  if (AckedEpoch != E) {
    AckedEpoch = E;
    retireHint(E, S, nowNs());
  } else if ((++Reentries & 31) == 0 && hintAgeNs(nowNs()) >= HoldNs) {
    atomic_compare_exchange_strong_explicit(FLAG, &E, 0, memory_order_relaxed,
                                            memory_order_relaxed);
  }
}

/*===--- Who raises the hint ------------------------------------------------===*/

/* libgo's sysmon sleeps between iterations with runtime.usleep, a C
 * function libgo.so exports and calls through its PLT. Defining it here
 * interposes it: every call first scans the registered threads, so a
 * request retake just made (sysmon loops straight from retake back to this
 * sleep) is seen within microseconds. The sleep itself is libgo's. Other
 * runtime.usleep callers (runqgrab's 3 us backoff) scan too, which is
 * harmless; a call from an M without a P is sysmon's. With a statically
 * linked libgo this definition is not reached and the watcher thread below
 * is the only scanner. */
typedef void UsleepFn(uint32_t);
static UsleepFn *RealUsleep;

/* Scans may start before any goroutine has polled (a program built without
 * polls, the benchmark's baseline, has requests to count too) once the
 * fields they read are known to be where this file expects them: on an M's
 * g0 calling runtime.usleep without a P and a current goroutine (sysmon),
 * g0.m.g0 is g0 and m.curg and m.p are nil. The full check stays for the
 * first poll, before anything yields. */
static _Atomic int SysmonChecked;
static void checkSysmonLayout(void *G) {
  void *M = FIELD(G, G_M, void *);
  if (M && FIELD(M, M_G0, void *) == G && !FIELD(M, M_CURG, void *) &&
      !FIELD(M, M_P, void *))
    atomic_store_explicit(&SysmonChecked, 1, memory_order_release);
}

/* Weak: a static libgo's own definition (-static-libgo) takes precedence
 * instead of clashing with it. A weak definition in the executable still
 * interposes libgo.so's, since ld.so does not tell weak from strong. */
void gollc_runtime_usleep(uint32_t Us) __asm__("runtime.usleep")
    __attribute__((weak));
void gollc_runtime_usleep(uint32_t Us) {
  void *G = gollc_tls_g;
  if (G && !atomic_load_explicit(&LayoutChecked, memory_order_acquire) &&
      !atomic_load_explicit(&SysmonChecked, memory_order_acquire))
    checkSysmonLayout(G);
  if (G && (atomic_load_explicit(&LayoutChecked, memory_order_acquire) ||
            atomic_load_explicit(&SysmonChecked, memory_order_acquire))) {
    void *M = FIELD(G, G_M, void *);
    int FromSysmon = M && FIELD(M, M_G0, void *) == G && !FIELD(M, M_P, void *);
    scanAndHint(FromSysmon);
  }
  if (RealUsleep) {
    RealUsleep(Us);
    return;
  }
  struct timeval Tv = {Us / 1000000, Us % 1000000};
  select(0, NULL, NULL, NULL, &Tv);
}

/* Every thread libgo runs Go code on calls runtime.minit once, on itself,
 * when it starts (runtime_mstart, through the PLT like runtime.usleep): the
 * moment to register its slot, so the scans know every M from the start and
 * no census hint has to find them. */
typedef void MinitFn(void);
static MinitFn *RealMinit;
static _Atomic int MinitHooked;

void gollc_runtime_minit(void) __asm__("runtime.minit")
    __attribute__((weak)); /* as runtime.usleep */
void gollc_runtime_minit(void) {
  if (RealMinit)
    RealMinit();
  if (!MySlot)
    MySlot = registerThread();
  atomic_store_explicit(&MinitHooked, 1, memory_order_relaxed);
}

/* The watcher runs on a thread libgo knows nothing about. It must not take
 * Go signals (libgo would treat them as arriving on a non-Go thread), so
 * every signal is blocked before it is created. It reads Go memory only
 * through the slots (a g is never freed) and stores only to the hint. Each
 * period it scans, which covers what sysmon's hook cannot see (sysmon
 * sleeps during stop-the-world). Without libgo, or when runtime.minit was
 * not interposed (a static libgo), it also raises a census hint each
 * period, so a thread that has never polled registers at its next poll. */
__attribute__((no_split_stack)) static void *watcherMain(void *Arg) {
  (void)Arg;
  struct timespec Period = {PeriodUs / 1000000, (PeriodUs % 1000000) * 1000};
  for (;;) {
    while (nanosleep(&Period, &Period) != 0 && errno == EINTR) {
    }
    Period.tv_sec = PeriodUs / 1000000;
    Period.tv_nsec = (PeriodUs % 1000000) * 1000;
    if (atomic_load_explicit(&LayoutChecked, memory_order_acquire))
      scanAndHint(0);
    if (!atomic_load_explicit(&MinitHooked, memory_order_relaxed))
      raiseHint(nowNs(), 0);
  }
  return NULL;
}

int gollc_preempt_start(void) {
  int Result = 0;
  pthread_mutex_lock(&StartLock);
  if (!WatcherRunning) {
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
      if (pthread_create(&Thread, &Attr, watcherMain, NULL) == 0)
        WatcherRunning = 1;
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
  Out->ticks = atomic_load_explicit(&Hints, memory_order_relaxed);
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
  Out->mean_ns =
      Total ? atomic_load_explicit(&SumNs, memory_order_relaxed) / Total : 0;
  Out->requests = atomic_load_explicit(&Requests, memory_order_relaxed);
  Out->late = atomic_load_explicit(&Late, memory_order_relaxed);
  Out->honoured = atomic_load_explicit(&Honoured, memory_order_relaxed);
  Out->not_asked = atomic_load_explicit(&NotAsked, memory_order_relaxed);
  Out->deferred = atomic_load_explicit(&Deferred, memory_order_relaxed);
}

void gollc_preempt_reset_stats(void) {
  _Atomic uint64_t *const Counters[] = {&Hints,    &SlowCalls, &Samples,
                                        &SumNs,    &MaxNs,     &Requests,
                                        &Late,     &Honoured,  &NotAsked,
                                        &Deferred};
  for (unsigned I = 0; I < sizeof(Counters) / sizeof(Counters[0]); ++I)
    atomic_store_explicit(Counters[I], 0, memory_order_relaxed);
  for (unsigned B = 0; B < NUM_BUCKETS; ++B)
    atomic_store_explicit(&Buckets[B], 0, memory_order_relaxed);
}

void gollc_preempt_print_stats(void) {
  gollc_preempt_stats S;
  gollc_preempt_get_stats(&S);
  fprintf(stderr,
          "gollc-preempt: period_us=%ld ticks=%llu slow=%llu samples=%llu "
          "p50_us=%.1f p99_us=%.1f max_us=%.1f mean_us=%.1f requests=%llu "
          "late=%llu yields=%llu not_asked=%llu deferred=%llu\n",
          PeriodUs, (unsigned long long)S.ticks,
          (unsigned long long)S.slow_calls, (unsigned long long)S.samples,
          S.p50_ns / 1000.0, S.p99_ns / 1000.0, S.max_ns / 1000.0,
          S.mean_ns / 1000.0, (unsigned long long)S.requests,
          (unsigned long long)S.late, (unsigned long long)S.honoured,
          (unsigned long long)S.not_asked, (unsigned long long)S.deferred);
}

__attribute__((constructor)) static void gollcPreemptInit(void) {
  pthread_key_create(&SlotKey, dropSlot);
  /* The runtime.usleep this file interposes: libgo's, next in the lookup
   * order (NULL with a static libgo or none). */
  RealUsleep = (UsleepFn *)dlsym(RTLD_NEXT, "runtime.usleep");
  RealMinit = (MinitFn *)dlsym(RTLD_NEXT, "runtime.minit");
  const char *Stats = getenv("GOLLC_PREEMPT_STATS");
  if (Stats && strcmp(Stats, "1") == 0)
    atexit(gollc_preempt_print_stats);
  gollc_preempt_start();
}
