/*===- gcroots.c - A root list for programs that register none ------------===*\
|*                                                                            *|
|* Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.        *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* Gollvm registers a package's pointer-bearing globals from its init         *|
|* function with runtime.registerGCRoots(&go..C0), where go..C0 is a root     *|
|* list { next, count, [count x { decl, size, ptrdata, gcdata }] }. libgo 12  *|
|* (gccgo-12, Go 1.18) sizes its root index from the sum of all lists and     *|
|* stops with `persistentalloc: size == 0` when a program registered none,    *|
|* which is the case for every Gollvm program without pointer globals. This   *|
|* object registers one list holding one dummy root (a nil pointer variable)  *|
|* from a constructor. It is built on its own as build/lib/gollc_roots.o      *|
|* (an archive member would never be pulled in: nothing references it):       *|
|*                                                                            *|
|*   gccgo-12 prog.o <build>/lib/gollc_roots.o -o prog                        *|
|*                                                                            *|
|* Linking it into a program that registers roots of its own is harmless.     *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#include <stdint.h>

/* libgo's runtime.gcRoot and runtime.gcRootList (mgc_gccgo.go). */
typedef struct gollc_gc_root {
  void *decl;            /* address of the variable */
  uintptr_t size;        /* its size in bytes */
  uintptr_t ptrdata;     /* bytes of its prefix that may hold pointers */
  const uint8_t *gcdata; /* one bit per pointer-sized word of that prefix */
} gollc_gc_root;

typedef struct gollc_gc_root_list {
  struct gollc_gc_root_list *next; /* linked by registerGCRoots */
  intptr_t count;
  gollc_gc_root roots[1];
} gollc_gc_root_list;

/* The dummy root: one pointer-sized word that is always nil. */
static void *DummyRoot;
static const uint8_t DummyMask[1] = {1};
static gollc_gc_root_list DummyList = {
    0, 1, {{&DummyRoot, sizeof(void *), sizeof(void *), DummyMask}}};

/* func registerGCRoots(r *gcRootList): it only links r into a global list,
 * which is safe before the Go runtime starts (no write barrier is active). */
extern void gollc_register_gc_roots(gollc_gc_root_list *)
    __asm__("runtime.registerGCRoots");

__attribute__((constructor)) static void gollcRegisterDummyRoot(void) {
  gollc_register_gc_roots(&DummyList);
}
