/*===- gollc_runtime.h - Support library for go-llc output --------*- C -*-===*\
|*                                                                            *|
|* Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.        *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* The C interface of libgollcrt.a, the small runtime that code compiled by   *|
|* go-llc links against when it runs on libgo (gccgo-12): the preemption     *|
|* hint polled by the go-preempt pass and its slow path, which yields when    *|
|* libgo asked the goroutine to, latency counters, and the registry of        *|
|* go_stackmap tables (the format                                             *|
|* of docs/StackMapFormat.md). See docs/Runtime.md. Link a program with       *|
|*                                                                            *|
|*   gccgo-12 prog.o -o prog -L<build>/lib -lgollcrt                          *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef GOLLC_RUNTIME_H
#define GOLLC_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#include <gollc/go_stackmap.h>

#ifdef __cplusplus
extern "C" {
#endif

/*===--- Preemption --------------------------------------------------------===*/

/* The hint: nonzero when some goroutine may have to yield. go-preempt polls
 * it with `load atomic i32, ptr @__go_preempt_requested monotonic` at
 * function entry and loop back edges. libgo decides who yields (sysmon and
 * stop-the-world set g.preempt); the hint is raised right after each sysmon
 * iteration that left a running goroutine asked, by the watcher thread, and
 * at start-up. Its value is the hint's epoch. */
extern int32_t __go_preempt_requested;

/* The cold path of a poll. On libgo: if the current goroutine's g.preempt is
 * set, records the latency since a scan saw the request and yields to the
 * libgo scheduler (runtime.Gosched); otherwise returns at once and clears the
 * hint unless a goroutine on another thread still has to see it (for at most
 * 200 us). The first call on a user goroutine checks that libgo is GCC 12's
 * (go1.18 layout) and exits with status 2 and one line on stderr if not.
 * Without libgo (unit tests) every hint is a request: it clears the hint,
 * records the latency and calls sched_yield. */
void __go_preempt_slow(void);

/* Starts the watcher thread if it is not running. Called by a constructor of
 * the object defining __go_preempt_requested, so a program that polls needs
 * no explicit call; safe to call again. Every GOLLC_PREEMPT_US microseconds
 * (default 10000; 0 disables it) it looks for asked goroutines and raises a
 * census hint so that threads which never polled register. Returns 0 on
 * success, -1 if the thread could not be started or is disabled. */
int gollc_preempt_start(void);

/* Latency from a request being seen (by the scan right after sysmon's retake,
 * or by the watcher) to the asked goroutine's yield, in nanoseconds.
 * Percentiles come from a log2 histogram, so they are upper bounds of their
 * bucket (within a factor of two); max and mean are exact. */
typedef struct gollc_preempt_stats {
  uint64_t ticks;       /* hints raised (a request raised while one is up
                           replaces it with a new epoch and counts too) */
  uint64_t slow_calls;  /* times __go_preempt_slow was entered */
  uint64_t samples;     /* latency samples */
  uint64_t p50_ns;
  uint64_t p99_ns;
  uint64_t max_ns;
  uint64_t mean_ns;
  uint64_t requests;    /* requests seen right after a sysmon iteration (one
                           per iteration a goroutine is asked in: retake asks
                           again while it has not yielded) */
  uint64_t late;        /* of those, still pending at sysmon's next iteration */
  uint64_t honoured;    /* yields of asked goroutines in the slow path */
  uint64_t not_asked;   /* slow paths of goroutines that were not asked */
  uint64_t deferred;    /* slow paths of asked goroutines that kept running:
                           their M was in a runtime critical section
                           (libgo's canPreemptM was false) */
} gollc_preempt_stats;

void gollc_preempt_get_stats(gollc_preempt_stats *out);

/* Zeroes the counters above, so that the figures cover what comes next
 * (a benchmark calls it once its set-up is over). Increments racing with
 * the reset may survive it; requests already seen keep their start time. */
void gollc_preempt_reset_stats(void);

/* Prints the figures above on one line to stderr:
 * `gollc-preempt: period_us=.. ticks=.. slow=.. samples=.. p50_us=.. p99_us=..
 * max_us=.. mean_us=.. requests=.. late=.. yields=.. not_asked=..
 * deferred=..`
 * Also done at exit when GOLLC_PREEMPT_STATS=1. */
void gollc_preempt_print_stats(void);

/*===--- Stack-map registry ------------------------------------------------===*/

/* What a lookup of a return address finds. */
typedef struct gollc_stackmap_entry {
  const go_stackmap_header *table;      /* the table holding the records */
  const go_stackmap_function *function; /* the function containing ret_addr */
  const go_stackmap_callsite *callsite; /* the call site returning there */
  uintptr_t function_start;             /* entry address of the function */
  uint32_t frame_size;                  /* bytes from sp to the return slot,
                                           or GO_STACKMAP_FRAME_VARIABLE: a
                                           realigned frame, whose return
                                           address is at its fp + 8 */
  uint32_t live_words;                  /* sp words the descriptor covers */
  uint32_t code_size;                   /* bytes of the function's code */
  uint32_t cfa_live_words;              /* cfa words the descriptor covers */
} gollc_stackmap_entry;

/* Finds the call site whose return address is ret_addr among all tables of
 * the program (between __start_go_stackmap and __stop_go_stackmap): the
 * function whose code contains ret_addr - 1, then its call site at exactly
 * ret_addr (docs/StackMapFormat.md, Lookup). The
 * index is built on first use (thread safe). Returns 1 and fills *out on a
 * hit; returns 0 when ret_addr is not a safepoint of go-llc code. O(log n)
 * in the number of functions plus O(log m) in the function's call sites. */
int gollc_stackmap_lookup(uintptr_t ret_addr, gollc_stackmap_entry *out);

/* 1 if the word at sp + 8 * k holds a live pointer at e's call site. */
int gollc_stackmap_entry_live(const gollc_stackmap_entry *e, uint32_t k);

/* 1 if the word at cfa + 8 * k holds a live pointer at e's call site; cfa
 * is the frame's canonical frame address (sp + frame_size + 8, or fp + 16
 * in a frame of variable size). */
int gollc_stackmap_entry_cfa_live(const gollc_stackmap_entry *e, uint32_t k);

/* The first k' >= k whose word at sp + 8 * k' (cfa + 8 * k') holds a live
 * pointer at e's call site, or GO_STACKMAP_NO_WORD: a scan
 * `for (k = next(e, 0); k != GO_STACKMAP_NO_WORD; k = next(e, k + 1))`
 * costs one step per live word (and per 32 words of a bitmap), not one per
 * word the descriptor covers (a pointer 128 MiB above sp). */
uint32_t gollc_stackmap_entry_next_live(const gollc_stackmap_entry *e,
                                        uint32_t k);
uint32_t gollc_stackmap_entry_cfa_next_live(const gollc_stackmap_entry *e,
                                            uint32_t k);

/* Counts of the registry (building it if needed): tables found, function
 * records indexed, tables rejected as malformed. */
typedef struct gollc_stackmap_info {
  uint32_t tables;
  uint32_t functions;
  uint32_t callsites;
  uint32_t bad_tables;
} gollc_stackmap_info;

void gollc_stackmap_get_info(gollc_stackmap_info *out);

/* Builds a registry from an explicit byte range instead of the linker's
 * section bounds, replacing the current one (for tests and for runtimes
 * that load code at run time). Not thread safe against concurrent lookups.
 * Returns the number of tables accepted. */
uint32_t gollc_stackmap_register_range(const char *begin, const char *end);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* GOLLC_RUNTIME_H */
