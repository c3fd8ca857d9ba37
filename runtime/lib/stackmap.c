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
|* file builds one sorted index of all function records at first use and     *|
|* answers gollc_stackmap_lookup with two binary searches. The section        *|
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

typedef struct IndexEntry {
  uintptr_t Start;
  const go_stackmap_header *Table;
  const go_stackmap_function *Function;
} IndexEntry;

static IndexEntry *Index;
static uint32_t IndexSize;
static gollc_stackmap_info Info;
static pthread_once_t Once = PTHREAD_ONCE_INIT;

static int compareEntries(const void *A, const void *B) {
  uintptr_t X = ((const IndexEntry *)A)->Start;
  uintptr_t Y = ((const IndexEntry *)B)->Start;
  return X < Y ? -1 : X > Y;
}

/* Walks [Begin, End): counts, then fills and sorts the index. A malformed
 * table stops the walk (its size cannot be trusted to find the next one)
 * and is counted in bad_tables. */
static uint32_t build(const char *Begin, const char *End) {
  free(Index);
  Index = NULL;
  IndexSize = 0;
  memset(&Info, 0, sizeof(Info));
  if (!Begin || !End || End <= Begin)
    return 0;

  uint64_t Total = 0;
  for (const go_stackmap_header *H = go_stackmap_first(Begin, End); H;
       H = go_stackmap_next(H, End)) {
    if (!go_stackmap_table_valid(H, End)) {
      Info.bad_tables++;
      break;
    }
    Total += H->num_functions;
  }
  Index = Total ? calloc(Total, sizeof(IndexEntry)) : NULL;
  if (Total && !Index) {
    Info.bad_tables++;
    return 0;
  }
  for (const go_stackmap_header *H = go_stackmap_first(Begin, End); H;
       H = go_stackmap_next(H, End)) {
    if (!go_stackmap_table_valid(H, End))
      break; /* Counted in the first walk. */
    const go_stackmap_function *Fs = go_stackmap_functions(H);
    int Ok = 1;
    for (uint32_t I = 0; I < H->num_functions; ++I)
      if ((uint64_t)Fs[I].first_callsite + Fs[I].num_callsites >
          H->num_callsites)
        Ok = 0;
    if (!Ok) {
      Info.bad_tables++;
      continue;
    }
    Info.tables++;
    Info.callsites += H->num_callsites;
    for (uint32_t I = 0; I < H->num_functions; ++I) {
      IndexEntry *E = &Index[IndexSize++];
      E->Start = go_stackmap_function_start(&Fs[I]);
      E->Table = H;
      E->Function = &Fs[I];
    }
  }
  /* qsort's array argument must not be null, even for zero elements. */
  if (IndexSize)
    qsort(Index, IndexSize, sizeof(IndexEntry), compareEntries);
  Info.functions = IndexSize;
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
  /* The last function starting at or below RetAddr. */
  uint32_t Lo = 0, Hi = IndexSize;
  while (Lo < Hi) {
    uint32_t Mid = Lo + (Hi - Lo) / 2;
    if (Index[Mid].Start <= RetAddr)
      Lo = Mid + 1;
    else
      Hi = Mid;
  }
  if (Lo == 0)
    return 0;
  const IndexEntry *E = &Index[Lo - 1];
  const go_stackmap_callsite *C =
      go_stackmap_find_callsite(E->Table, E->Function, RetAddr);
  if (!C)
    return 0;
  uint32_t Words = go_stackmap_live_words(E->Table, C);
  if ((uint64_t)C->live + 1 + (Words + 31) / 32 > E->Table->pool_words)
    return 0; /* Descriptor runs past the pool: not trustworthy. */
  Out->table = E->Table;
  Out->function = E->Function;
  Out->callsite = C;
  Out->function_start = E->Start;
  Out->frame_size = E->Function->frame_size;
  Out->live_words = Words;
  return 1;
}

int gollc_stackmap_entry_live(const gollc_stackmap_entry *E, uint32_t K) {
  return go_stackmap_live_bit(E->table, E->callsite, K);
}
