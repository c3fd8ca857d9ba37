/* Drives refrt's collector and stack walker from C: heap objects reachable
 * only from the hand-made frames of fake_frames.S or from a registered root
 * list must survive a collection, everything else must be freed (and, under
 * REFRT_STRESS, poisoned). C frames are never scanned, so the pointers this
 * file keeps in locals do not keep anything alive. Usage: collector <case>. */
#include "refrt.h"

#include <stdint.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *fake_go_frame(void *a, void *b, void *c);
void fake_go_unmapped_call(void);
void fake_go_after_last_call(void);
void *fake_go_realigned(void *a, void *c, long x1, long x2, long x3, long x4,
                        void *b);
void fake_go_bad_frame_size(void);
void runtime_registerGCRoots(refrt_root_list *r) __asm__("runtime.registerGCRoots");
void *runtime_newobject(const refrt_type *t) __asm__("runtime.newobject");
void *runtime_makeslice(const refrt_type *t, int64_t len, int64_t cap) __asm__("runtime.makeslice");

/* type node struct { next *node; val int64; other *node } */
static const uint8_t node_mask[] = {0x5};
static const refrt_type node_type = {.size = 24, .ptrdata = 24, .kind = 25,
                                     .gcdata = node_mask};
/* *node, for slices of pointers */
static const uint8_t ptr_mask[] = {0x1};
static const refrt_type ptr_type = {.size = 8, .ptrdata = 8, .kind = 22,
                                    .gcdata = ptr_mask};
/* [4]int64: no pointers */
static const refrt_type ints_type = {.size = 32, .ptrdata = 0, .kind = 17};

typedef struct node {
  struct node *next;
  int64_t val;
  struct node *other;
} node;

/* Under REFRT_STRESS every allocation collects, and C frames are not
 * scanned: objects under construction stay reachable through this global
 * root (slot i keeps the i-th object of a case) until a case drops them. */
static void *holder[8];

static node *mk(int64_t v) {
  node *n = runtime_newobject(&node_type);
  n->val = v;
  return n;
}

static node *keep(int i, node *n) {
  holder[i] = n;
  return n;
}

static void show(const char *name, void *p) {
  printf("%s %s\n", name, refrt_is_allocated(p) ? "live" : "freed");
}

static int frame_case(void) {
  node *a = keep(0, mk(1)), *b = keep(1, mk(2)), *c = keep(2, mk(3));
  node *d = keep(3, mk(4)), *e = keep(4, mk(5)), *f = keep(5, mk(6));
  void *r;
  a->next = d;  /* reachable through a */
  c->other = e; /* through an interior pointer to c */
  b->next = f;  /* only through b, which the map does not mark */
  memset(holder, 0, sizeof holder);
  r = fake_go_frame(a, b, &c->val);
  printf("returned a: %d\n", r == a);
  show("a", a);
  show("b", b);
  show("c", c);
  show("d", d);
  show("e", e);
  show("f", f);
  printf("a.val %lld d.val %lld e.val %lld\n", (long long)a->val,
         (long long)d->val, (long long)e->val);
  printf("b.val poisoned %d\n", (uint32_t)b->val == REFRT_POISON &&
                                     (uint32_t)f->val == REFRT_POISON);
  printf("frames %llu roots %llu\n",
         (unsigned long long)refrt_stat.frames_scanned,
         (unsigned long long)refrt_stat.stack_roots);
  return 0;
}

/* A two-word global, only word 0 a pointer (gcdata 0b01). */
static void *globals[2];
static void **big_global;
static const uint8_t g_mask[] = {0x1};
static const uint8_t holder_mask[] = {0xff};
static struct {
  refrt_root_list *next;
  intptr_t count;
  refrt_root roots[3];
} g_list = {NULL, 3, {{globals, 16, 8, g_mask}, {&big_global, 8, 8, ptr_mask},
                      {holder, sizeof holder, sizeof holder, holder_mask}}};

static int globals_case(void) {
  node *kept, *dropped, *viaslice;
  void **slice;
  int i;
  kept = mk(10);
  globals[0] = kept;
  /* A 1000-pointer slice (a large object), held through an interior
   * pointer into its last page, holding a node in its last element. */
  slice = runtime_makeslice(&ptr_type, 1000, 1000);
  big_global = &slice[998];
  viaslice = mk(12);
  slice[999] = viaslice;
  /* Last node allocated, so that no later allocation reuses its slot. */
  dropped = mk(11);
  globals[1] = dropped; /* not a pointer word by the mask */
  void *ints = runtime_makeslice(&ints_type, 2, 3);
  refrt_collect();
  show("kept", kept);
  show("dropped", dropped);
  show("slice", slice);
  show("viaslice", viaslice);
  show("ints", ints);
  printf("viaslice.val %lld\n", (long long)viaslice->val);
  /* Nothing refers to the slice any more: it goes, and its element. */
  big_global = NULL;
  refrt_collect();
  show("slice", slice);
  show("viaslice", viaslice);
  /* Freed slots are reused and come back zeroed. */
  for (i = 0; i < 3; i++) {
    node *n = mk(0);
    if (n->next || n->other)
      printf("not zeroed\n");
  }
  printf("collections %llu\n", (unsigned long long)refrt_stat.collections);
  return 0;
}

/* Without stress, allocation collects when enough has been allocated: a
 * list (100000 nodes unless argv[2] says otherwise) kept through a global
 * survives; garbage does not pile up. */
static int alloc_case(int64_t count) {
  node *head = NULL;
  int64_t i, sum = 0;
  for (i = 0; i < count; i++) {
    node *n = mk(i);
    n->next = globals[0];
    globals[0] = n;
    mk(-1); /* garbage */
  }
  for (head = globals[0]; head; head = head->next)
    sum += head->val;
  printf("sum %lld collected %d\n", (long long)sum, refrt_stat.collections > 0);
  return 0;
}

int main(int argc, char **argv) {
  refrt_init(__builtin_frame_address(0));
  runtime_registerGCRoots((refrt_root_list *)&g_list);
  if (argc < 2)
    return 1;
  if (!strcmp(argv[1], "frame"))
    return frame_case();
  if (!strcmp(argv[1], "globals"))
    return globals_case();
  if (!strcmp(argv[1], "alloc"))
    return alloc_case(argc > 2 ? atoll(argv[2]) : 100000);
  if (!strcmp(argv[1], "unmapped")) {
    fake_go_unmapped_call();
    return 0;
  }
  if (!strcmp(argv[1], "realigned")) {
    node *a = keep(0, mk(1)), *c = keep(1, mk(3)), *b = keep(2, mk(2));
    void *r;
    memset(holder, 0, sizeof holder);
    r = fake_go_realigned(a, c, 0, 0, 0, 0, b);
    printf("returned b: %d\n", r == b);
    show("a", a);
    show("b", b);
    show("c", c);
    printf("frames %llu\n", (unsigned long long)refrt_stat.frames_scanned);
    return 0;
  }
  if (!strcmp(argv[1], "afterlast")) {
    fake_go_after_last_call();
    return 0;
  }
  if (!strcmp(argv[1], "badsize")) {
    fake_go_bad_frame_size();
    printf("survived\n");
    return 0;
  }
  if (!strcmp(argv[1], "garbage")) {
    fake_go_frame((void *)0x1234, NULL, NULL);
    printf("survived\n");
    return 0;
  }
  if (!strcmp(argv[1], "unallocated")) {
    /* 512 MiB into the 1 GiB heap reservation: a page never handed out. */
    node *n = keep(0, mk(7));
    fake_go_frame((char *)n + (512u << 20), NULL, NULL);
    printf("survived\n");
    return 0;
  }
  if (!strcmp(argv[1], "header")) {
    /* Inside the 16-byte header of a live object. */
    node *n = keep(0, mk(7));
    fake_go_frame((char *)n - 8, NULL, NULL);
    printf("survived\n");
    return 0;
  }
  if (!strcmp(argv[1], "deadstack")) {
    /* 2 KiB below this frame: below every frame the collector walks (the
     * callee frames are much smaller), so dead stack. */
    volatile char here;
    fake_go_frame((char *)&here - 2048, NULL, NULL);
    printf("survived\n");
    return 0;
  }
  if (!strcmp(argv[1], "livestack")) {
    /* A pointer into a live frame above the walked Go frame: accepted. */
    volatile char here = 1;
    fake_go_frame((char *)&here, NULL, NULL);
    printf("survived %d\n", here);
    return 0;
  }
  if (!strcmp(argv[1], "dangling")) {
    node *n = mk(7);
    refrt_collect(); /* nothing refers to n: freed */
    printf("n %s\n", refrt_is_allocated(n) ? "live" : "freed");
    fake_go_frame(n, NULL, NULL);
    printf("survived\n");
    return 0;
  }
  return 1;
}
