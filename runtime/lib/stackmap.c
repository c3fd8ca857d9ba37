/*===- stackmap.c - Registry of the program's go_stackmap tables ----------===*\
|*                                                                            *|
|* Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.        *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* Every object compiled by `go-llc -gc=go` carries one go_stackmap table     *|
|* (docs/StackMapFormat.md); the linker concatenates them between             *|
|* __start_go_stackmap and __stop_go_stackmap. A collector walking a stack    *|
|* has return addresses and needs, for each, the frame size and the live     *|
|* words. Within one table the function records are sorted, but across       *|
|* tables (several objects, -ffunction-sections) they interleave, so this     *|
|* file builds one sorted index of all function records at first use (with   *|
|* go_stackmap.h's index helpers, shared with refrt) and answers              *|
|* gollc_stackmap_lookup with two binary searches. The section                *|
|* bounds are weak: a program with no go-llc tables gets an empty registry.   *|
|* Use it through gollc_runtime.h; tests link a hand-made table               *|
|* (runtime/test/stackmap_registry_test.c).                                   *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#include "gollc_runtime.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

extern const char __start_go_stackmap[] __attribute__((weak));
extern const char __stop_go_stackmap[] __attribute__((weak));

static go_stackmap_index_entry *Index;
static size_t IndexSize;
static gollc_stackmap_info Info;
static pthread_once_t Once = PTHREAD_ONCE_INIT;

/* Indexes [Begin, End) with go_stackmap_index_build (the same code refrt
 * uses). A table with malformed records is skipped, one with a malformed
 * header stops the walk (its size cannot be trusted to find the next one);
 * both are counted in bad_tables, and so is an index that could not be
 * allocated (then nothing is mapped). */
static uint32_t build(const char *Begin, const char *End) {
  go_stackmap_index Idx;
  free(Index);
  Index = NULL;
  IndexSize = 0;
  memset(&Info, 0, sizeof(Info));
  int Failed = go_stackmap_index_build(Begin, End, malloc, &Idx);
  Info.bad_tables = Idx.rejected + (Failed ? 1u : 0u);
  if (Failed)
    return 0;
  Index = Idx.entries;
  IndexSize = Idx.count;
  Info.tables = Idx.tables;
  Info.callsites = (uint32_t)Idx.callsites;
  Info.functions = (uint32_t)IndexSize;
  return Info.tables;
}

static void buildFromSection(void) {
  build(__start_go_stackmap, __stop_go_stackmap);
}

uint32_t gollc_stackmap_register_range(const char *Begin, const char *End) {
  pthread_once(&Once, buildFromSection);
  return build(Begin, End);
}

void gollc_stackmap_get_info(gollc_stackmap_info *Out) {
  pthread_once(&Once, buildFromSection);
  *Out = Info;
}

int gollc_stackmap_lookup(uintptr_t RetAddr, gollc_stackmap_entry *Out) {
  pthread_once(&Once, buildFromSection);
  /* The function containing RetAddr - 1 (a call that ends a function
   * returns to the next function's entry), then the call site at exactly
   * RetAddr. */
  const go_stackmap_index_entry *E =
      go_stackmap_index_find(Index, IndexSize, RetAddr);
  if (!E)
    return 0;
  const go_stackmap_callsite *C =
      go_stackmap_find_callsite(E->table, E->fn, RetAddr);
  if (!C)
    return 0;
  Out->table = E->table;
  Out->function = E->fn;
  Out->callsite = C;
  Out->function_start = E->start;
  Out->frame_size = E->fn->frame_size;
  Out->live_words = go_stackmap_live_words(E->table, C);
  Out->code_size = E->fn->code_size;
  Out->cfa_live_words = go_stackmap_cfa_live_words(E->table, C);
  return 1;
}

int gollc_stackmap_entry_cfa_live(const gollc_stackmap_entry *E, uint32_t K) {
  return go_stackmap_cfa_live_bit(E->table, E->callsite, K);
}

int gollc_stackmap_entry_live(const gollc_stackmap_entry *E, uint32_t K) {
  return go_stackmap_live_bit(E->table, E->callsite, K);
}

uint32_t gollc_stackmap_entry_next_live(const gollc_stackmap_entry *E,
                                        uint32_t K) {
  return go_stackmap_next_live(E->table, E->callsite, K);
}

uint32_t gollc_stackmap_entry_cfa_next_live(const gollc_stackmap_entry *E,
                                            uint32_t K) {
  return go_stackmap_cfa_next_live(E->table, E->callsite, K);
}
