/*===- stackmap_registry_test.c - Unit test of the stack-map registry -----===*\
|*                                                                            *|
|* Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.        *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* Links two hand-made go_stackmap tables (written in assembly below, with    *|
|* the PC-relative function starts the format uses) and checks that          *|
|* libgollcrt's registry finds them between __start_go_stackmap and           *|
|* __stop_go_stackmap, skips the zero padding between them, merges their     *|
|* function records (table 2's function lies between table 1's two), and     *|
|* answers lookups exactly: hits, misses between call sites, before the       *|
|* first function, live bits and next live words (a v2 table of bitmaps, a  *|
|* v3 table with a part in the runs form), and malformed ranges. Prints one line per       *|
|* failed check and exits 1; run by test/e2e/runtime-registry.test:           *|
|*                                                                            *|
|*   build/runtime/test/gollcrt-registry-test                                 *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#include "gollc_runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Three functions laid out a, c, b in .text, 64 bytes apart. */
__asm__(".text\n"
        ".p2align 6\n"
        ".globl gollc_test_fn_a\n"
        ".type gollc_test_fn_a,@function\n"
        "gollc_test_fn_a:\n"
        "  .fill 63,1,0x90\n"
        "  ret\n"
        ".globl gollc_test_fn_c\n"
        ".type gollc_test_fn_c,@function\n"
        "gollc_test_fn_c:\n"
        "  .fill 63,1,0x90\n"
        "  ret\n"
        ".globl gollc_test_fn_b\n"
        ".type gollc_test_fn_b,@function\n"
        "gollc_test_fn_b:\n"
        "  .fill 63,1,0x90\n"
        "  ret\n");

/* Table 1 (v2): functions a and b (64 bytes of code each), four call
 * sites, a pool of nine words (each descriptor: the sp part, then the cfa
 * part):
 *   [0] {0} {0}   [2] {3: bits 0,2} {0}   [5] {40: bits 0,31,39} {0}
 * a's last call site returns to a + 64, its end, which is c's entry: the
 * call is a's last instruction. 32 + 2*24 + 4*8 + 9*4 = 148 bytes, padded
 * to 152. Then one zero word of padding, then table 2 (v3): function c, one
 * call site, pool [0] {0} {0} [2] {1: bit 0} {runs: word 1}: its cfa part
 * in the runs form, 0x80000000 | 1 run, {first 1, count 1}; 32 + 24 + 8 +
 * 28 = 92 bytes, padded to 96. */
__asm__(".section go_stackmap,\"a\",@progbits\n"
        ".p2align 3\n"
        "  .long 0x4D534F47\n .short 2\n .short 32\n .long 152\n"
        "  .long 2\n .long 4\n .long 9\n .long 0, 0\n"
        "  .long gollc_test_fn_a - .\n .long 64\n .long 24\n .long 0\n .long 3\n .long 0\n"
        "  .long gollc_test_fn_b - .\n .long 64\n .long 40\n .long 3\n .long 1\n .long 0\n"
        "  .long 5, 0\n .long 17, 2\n .long 64, 2\n .long 9, 5\n"
        "  .long 0, 0\n .long 3, 0x5, 0\n .long 40, 0x80000001, 0x80, 0\n"
        "  .long 0\n"
        "  .quad 0\n"
        "  .long 0x4D534F47\n .short 3\n .short 32\n .long 96\n"
        "  .long 1\n .long 1\n .long 7\n .long 0, 0\n"
        "  .long gollc_test_fn_c - .\n .long 64\n .long 8\n .long 0\n .long 1\n .long 0\n"
        "  .long 3, 2\n"
        "  .long 0, 0\n .long 1, 1, 0x80000001, 1, 1\n"
        "  .long 0\n"
        ".text\n");

extern char gollc_test_fn_a[], gollc_test_fn_b[], gollc_test_fn_c[];
extern const char __start_go_stackmap[], __stop_go_stackmap[];

static int Failures;

#define CHECK(Cond)                                                            \
  do {                                                                         \
    if (!(Cond)) {                                                             \
      printf("FAIL line %d: %s\n", __LINE__, #Cond);                           \
      ++Failures;                                                              \
    }                                                                          \
  } while (0)

static void checkInfo(uint32_t Tables, uint32_t Functions, uint32_t Callsites,
                      uint32_t Bad, int Line) {
  gollc_stackmap_info I;
  gollc_stackmap_get_info(&I);
  if (I.tables != Tables || I.functions != Functions ||
      I.callsites != Callsites || I.bad_tables != Bad) {
    printf("FAIL line %d: info tables=%u functions=%u callsites=%u bad=%u, "
           "expected %u %u %u %u\n",
           Line, I.tables, I.functions, I.callsites, I.bad_tables, Tables,
           Functions, Callsites, Bad);
    ++Failures;
  }
}

static void checkSectionLookups(void) {
  uintptr_t A = (uintptr_t)gollc_test_fn_a, B = (uintptr_t)gollc_test_fn_b,
            C = (uintptr_t)gollc_test_fn_c;
  gollc_stackmap_entry E;

  CHECK(gollc_stackmap_lookup(A + 5, &E) == 1);
  CHECK(E.function_start == A && E.frame_size == 24 && E.live_words == 0);
  CHECK(gollc_stackmap_entry_live(&E, 0) == 0);

  CHECK(gollc_stackmap_lookup(A + 17, &E) == 1);
  CHECK(E.function_start == A && E.live_words == 3);
  CHECK(gollc_stackmap_entry_live(&E, 0) == 1);
  CHECK(gollc_stackmap_entry_live(&E, 1) == 0);
  CHECK(gollc_stackmap_entry_live(&E, 2) == 1);
  CHECK(gollc_stackmap_entry_live(&E, 3) == 0);

  /* Table 2's function, between a and b in the address order. */
  CHECK(gollc_stackmap_lookup(C + 3, &E) == 1);
  CHECK(E.function_start == C && E.frame_size == 8 && E.live_words == 1);
  CHECK(gollc_stackmap_entry_live(&E, 0) == 1);
  CHECK(E.code_size == 64 && E.cfa_live_words == 2);
  CHECK(!gollc_stackmap_entry_cfa_live(&E, 0) &&
        gollc_stackmap_entry_cfa_live(&E, 1) &&
        !gollc_stackmap_entry_cfa_live(&E, 2));
  /* Scanning by next live word, in both forms. */
  CHECK(gollc_stackmap_entry_next_live(&E, 0) == 0);
  CHECK(gollc_stackmap_entry_next_live(&E, 1) == GO_STACKMAP_NO_WORD);
  CHECK(gollc_stackmap_entry_cfa_next_live(&E, 0) == 1);
  CHECK(gollc_stackmap_entry_cfa_next_live(&E, 1) == 1);
  CHECK(gollc_stackmap_entry_cfa_next_live(&E, 2) == GO_STACKMAP_NO_WORD);

  /* A call that is a's last instruction returns to a + 64 == c: the
   * function is the one containing ra - 1, a, not c. */
  CHECK(A + 64 == C);
  CHECK(gollc_stackmap_lookup(C, &E) == 1);
  CHECK(E.function_start == A && E.callsite->ret_offset == 64 &&
        E.live_words == 3 && E.cfa_live_words == 0);

  CHECK(gollc_stackmap_lookup(B + 9, &E) == 1);
  CHECK(E.function_start == B && E.frame_size == 40 && E.live_words == 40);
  CHECK(gollc_stackmap_entry_live(&E, 0) && gollc_stackmap_entry_live(&E, 31) &&
        gollc_stackmap_entry_live(&E, 39));
  CHECK(!gollc_stackmap_entry_live(&E, 1) && !gollc_stackmap_entry_live(&E, 32) &&
        !gollc_stackmap_entry_live(&E, 38) && !gollc_stackmap_entry_live(&E, 40));
  CHECK(gollc_stackmap_entry_next_live(&E, 0) == 0 &&
        gollc_stackmap_entry_next_live(&E, 1) == 31 &&
        gollc_stackmap_entry_next_live(&E, 32) == 39 &&
        gollc_stackmap_entry_next_live(&E, 40) == GO_STACKMAP_NO_WORD);

  /* Misses: between call sites, a's call site offset inside c, before a. */
  CHECK(gollc_stackmap_lookup(A + 6, &E) == 0);
  CHECK(gollc_stackmap_lookup(C + 5, &E) == 0);
  CHECK(gollc_stackmap_lookup(B + 5, &E) == 0);
  CHECK(gollc_stackmap_lookup(A - 1, &E) == 0);
  CHECK(gollc_stackmap_lookup(0, &E) == 0);
}

int main(void) {
  /* Built from the section at first use. */
  checkInfo(2, 3, 5, 0, __LINE__);
  checkSectionLookups();

  /* A copy whose second table has a bad magic: the first is kept. */
  size_t Size = (size_t)(__stop_go_stackmap - __start_go_stackmap);
  CHECK(Size == 152 + 8 + 96);
  uint64_t *Copy = malloc(Size + 8);
  memcpy(Copy, __start_go_stackmap, Size);
  ((uint32_t *)((char *)Copy + 160))[0] = 0x12345678;
  CHECK(gollc_stackmap_register_range((const char *)Copy,
                                      (const char *)Copy + Size) == 1);
  checkInfo(1, 2, 4, 1, __LINE__);

  /* A truncated table (table_size beyond the range) is rejected. */
  CHECK(gollc_stackmap_register_range((const char *)Copy,
                                      (const char *)Copy + 100) == 0);
  checkInfo(0, 0, 0, 1, __LINE__);

  /* A call-site range past the table's call sites is rejected. */
  memcpy(Copy, __start_go_stackmap, Size);
  ((uint32_t *)((char *)Copy + 32 + 24 + 16))[0] = 7; /* b: 7 call sites */
  CHECK(gollc_stackmap_register_range((const char *)Copy,
                                      (const char *)Copy + Size) == 1);
  checkInfo(1, 1, 1, 1, __LINE__);

  /* A run of zero words in table 2's runs part (its pool starts at 160 +
   * 32 + 24 + 8 = 224; the count of its run is pool word 6): rejected. */
  memcpy(Copy, __start_go_stackmap, Size);
  ((uint32_t *)((char *)Copy + 224 + 4 * 6))[0] = 0;
  CHECK(gollc_stackmap_register_range((const char *)Copy,
                                      (const char *)Copy + Size) == 1);
  checkInfo(1, 2, 4, 1, __LINE__);
  /* The same table as version 2: the runs form does not exist there, and
   * the part's word count 0x80000001 runs past the pool. */
  memcpy(Copy, __start_go_stackmap, Size);
  ((uint16_t *)((char *)Copy + 160 + 4))[0] = 2;
  CHECK(gollc_stackmap_register_range((const char *)Copy,
                                      (const char *)Copy + Size) == 1);
  checkInfo(1, 2, 4, 1, __LINE__);

  /* Empty and all-zero ranges. */
  CHECK(gollc_stackmap_register_range(NULL, NULL) == 0);
  checkInfo(0, 0, 0, 0, __LINE__);
  memset(Copy, 0, Size);
  CHECK(gollc_stackmap_register_range((const char *)Copy,
                                      (const char *)Copy + Size) == 0);
  checkInfo(0, 0, 0, 0, __LINE__);
  free(Copy);

  /* Back to the linked section: everything as at the start. */
  CHECK(gollc_stackmap_register_range(__start_go_stackmap,
                                      __stop_go_stackmap) == 2);
  checkInfo(2, 3, 5, 0, __LINE__);
  checkSectionLookups();

  if (Failures) {
    printf("%d check(s) failed\n", Failures);
    return 1;
  }
  printf("registry: all checks passed\n");
  return 0;
}
