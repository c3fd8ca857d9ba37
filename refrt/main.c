/*===- main.c - The C entry point of a refrt program -----------------------===*\
|*                                                                            *|
|* Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.        *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* main() for Gollvm-style programs linked against librefrt.a instead of      *|
|* libgo: records its own frame as the outermost one the collector walks to,  *|
|* runs the package initialiser and main.main. In its own archive member so   *|
|* that C tests with their own main can link the runtime.                     *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#include "refrt.h"

#include <stdio.h>

/* Package initialisation and the program entry. A Gollvm main package
 * defines __go_init_main (which registers its roots and initialises its
 * globals) and main.main. */
extern void go_init_main(void) __asm__("__go_init_main") __attribute__((weak));
extern void go_main_main(void) __asm__("main.main");

__attribute__((noinline)) static int run_go(void) {
  if (go_init_main)
    go_init_main();
  go_main_main();
  return 0;
}

int main(void) {
  int rc;
  /* Go frames lie above this one: the walk stops here. */
  refrt_init(__builtin_frame_address(0));
  rc = run_go();
  fflush(stdout);
  /* A checked run whose collections never found a mapped frame proves
   * nothing about the stack maps (tables not linked, frames not walked):
   * not a pass. */
  if (refrt_cfg.check && refrt_stat.collections && !refrt_stat.frames_scanned)
    refrt_fatal("%llu collection(s) under REFRT_CHECK scanned no mapped "
                "frame: the stack maps were never used",
                (unsigned long long)refrt_stat.collections);
  return rc;
}
