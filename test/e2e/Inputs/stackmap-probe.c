/* C helper of stackmap-probe.test: called from go-llc code with two heap
 * pointers that are live across the call. Looks up its own return address
 * in libgollcrt's registry and reads every live word of the caller's frame
 * (sp = this function's CFA = frame pointer + 16). Prints what it found and
 * returns 0; built with frame pointers. Go's collector accepts interior
 * pointers, so a live word pointing into an object (the lowering may keep
 * &x->value rather than x) keeps it alive: a word counts as holding p or x
 * when it points into the 16-byte node. */
#include "gollc_runtime.h"

#include <stdio.h>

int64_t gollc_test_probe(void *P, void *X) {
  uintptr_t Ret = (uintptr_t)__builtin_return_address(0);
  uintptr_t Sp = (uintptr_t)__builtin_frame_address(0) + 16;
  gollc_stackmap_info Info;
  gollc_stackmap_entry E;
  int Found, HoldP = 0, HoldX = 0, Other = 0;
  gollc_stackmap_get_info(&Info);
  printf("registry: tables>0=%d functions>0=%d bad=%u\n", Info.tables > 0,
         Info.functions > 0, Info.bad_tables);
  Found = gollc_stackmap_lookup(Ret, &E);
  printf("lookup of the return address: %s\n", Found ? "found" : "missing");
  if (Found) {
    for (uint32_t K = 0; K < E.live_words; ++K) {
      if (!gollc_stackmap_entry_live(&E, K))
        continue;
      uintptr_t V = *(uintptr_t *)(Sp + 8 * K);
      if (V - (uintptr_t)P < 16)
        ++HoldP;
      else if (V - (uintptr_t)X < 16)
        ++HoldX;
      else
        ++Other;
    }
    printf("live words holding p: %s, x: %s, anything else: %d\n",
           HoldP ? "yes" : "no", HoldX ? "yes" : "no", Other);
  }
  fflush(stdout);
  return 0;
}
