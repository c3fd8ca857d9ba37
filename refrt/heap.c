/*===- heap.c - Allocation, marking and sweeping ----------------------------===*\
|*                                                                            *|
|* Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.        *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* The heap is one reserved address range cut into 8 KiB pages. A page is     *|
|* either free, a span of equal small slots (one size class) or part of a     *|
|* large object. Every slot starts with a 16-byte header (allocated and mark  *|
|* bits, the element count, the type), so an interior pointer finds its       *|
|* object in O(1): page -> class -> slot. The collector is a stop-the-world  *|
|* mark-sweep with an explicit mark stack; it never moves objects (Go's does  *|
|* not either, and the stack maps carry no relocation information).           *|
|*                                                                            *|
|* Build: part of librefrt.a (refrt/CMakeLists.txt).                          *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#include "refrt_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define PAGE_SHIFT 13
#define PAGE_SIZE ((uintptr_t)1 << PAGE_SHIFT)
#define HEADER_SIZE 16u

enum { PAGE_FREE = 0, PAGE_SMALL = 1, PAGE_LARGE = 2, PAGE_LARGE_CONT = 3 };

/* Slot sizes, header included; all multiples of 16. */
static const uint32_t class_size[] = {32,  48,   64,   96,   128,  192,
                                      256, 384,  512,  768,  1024, 1536,
                                      2048, 3072, 4096};
#define NUM_CLASSES (sizeof class_size / sizeof class_size[0])

typedef struct header {
  uint32_t flags; /* HDR_ALLOCATED | HDR_MARKED */
  uint32_t count; /* elements of type (arrays/slices); 1 for newobject */
  const refrt_type *type; /* NULL: nothing to scan */
} header;

#define HDR_ALLOCATED 1u
#define HDR_MARKED 2u

typedef struct free_slot {
  struct free_slot *next;
} free_slot;

typedef struct page_info {
  uint8_t kind;
  uint8_t cls;
  uint32_t npages; /* PAGE_LARGE: pages of the object */
  uint32_t first;  /* PAGE_LARGE_CONT: index of its PAGE_LARGE page */
} page_info;

static char *heap_base;
static uintptr_t heap_pages;     /* reserved */
static uintptr_t heap_used;      /* pages ever handed out (bump) */
static page_info *pages;
static free_slot *free_list[NUM_CLASSES];
static uint64_t allocated_since_gc;
static uint64_t live_bytes;
static uint64_t next_gc = 4u << 20;

refrt_config refrt_cfg;
refrt_stats refrt_stat;

void refrt_fatal(const char *fmt, ...) {
  va_list ap;
  fflush(stdout);
  fputs("refrt: fatal: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  exit(2);
}

static void heap_init(void) {
  const char *mb = getenv("REFRT_HEAP_MB");
  uintptr_t size = (uintptr_t)(mb ? strtoull(mb, NULL, 10) : 1024) << 20;
  if (size < (1u << 20))
    size = 1u << 20;
  heap_pages = size >> PAGE_SHIFT;
  heap_base = mmap(NULL, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (heap_base == MAP_FAILED)
    refrt_fatal("cannot reserve a %lu MiB heap", (unsigned long)(size >> 20));
  pages = calloc(heap_pages, sizeof *pages);
  if (!pages)
    refrt_fatal("cannot allocate the page table");
}

static uintptr_t page_of(const void *p) {
  return ((uintptr_t)p - (uintptr_t)heap_base) >> PAGE_SHIFT;
}

static char *page_addr(uintptr_t i) { return heap_base + (i << PAGE_SHIFT); }

/* Finds n consecutive free pages: first fit below the bump pointer, else
 * bump. Linear, which is fine for a reference runtime. */
static uintptr_t alloc_pages(uint32_t n) {
  uintptr_t run = 0, i;
  for (i = 0; i < heap_used; i++) {
    run = pages[i].kind == PAGE_FREE ? run + 1 : 0;
    if (run == n)
      return i + 1 - n;
  }
  if (heap_used + n > heap_pages)
    return (uintptr_t)-1;
  heap_used += n;
  return heap_used - n;
}

static void poison(void *p, size_t n) {
  uint32_t *w = p;
  size_t i;
  for (i = 0; i < n / 4; i++)
    w[i] = REFRT_POISON;
}

static int size_class(uint64_t slot) {
  unsigned c;
  for (c = 0; c < NUM_CLASSES; c++)
    if (slot <= class_size[c])
      return (int)c;
  return -1;
}

static int refill(unsigned c) {
  uintptr_t pg = alloc_pages(1);
  uint32_t n, i;
  if (pg == (uintptr_t)-1)
    return 0;
  pages[pg].kind = PAGE_SMALL;
  pages[pg].cls = (uint8_t)c;
  n = (uint32_t)(PAGE_SIZE / class_size[c]);
  /* Push in reverse so that allocation walks the page upwards. */
  for (i = n; i-- > 0;) {
    char *s = page_addr(pg) + (uintptr_t)i * class_size[c];
    ((header *)s)->flags = 0;
    ((free_slot *)(s + HEADER_SIZE))->next = free_list[c];
    free_list[c] = (free_slot *)(s + HEADER_SIZE);
  }
  return 1;
}

static header *try_alloc(uint64_t payload) {
  uint64_t slot = payload + HEADER_SIZE;
  int c = size_class(slot);
  if (c >= 0) {
    free_slot *f;
    if (!free_list[c] && !refill((unsigned)c))
      return NULL;
    f = free_list[c];
    free_list[c] = f->next;
    return (header *)((char *)f - HEADER_SIZE);
  } else {
    uint64_t np = (slot + PAGE_SIZE - 1) >> PAGE_SHIFT;
    uintptr_t pg, i;
    if (np > 0xffffffffu)
      return NULL;
    pg = alloc_pages((uint32_t)np);
    if (pg == (uintptr_t)-1)
      return NULL;
    pages[pg].kind = PAGE_LARGE;
    pages[pg].npages = (uint32_t)np;
    for (i = 1; i < np; i++) {
      pages[pg + i].kind = PAGE_LARGE_CONT;
      pages[pg + i].first = (uint32_t)pg;
    }
    return (header *)page_addr(pg);
  }
}

static uint64_t slot_payload(const header *h) {
  uintptr_t pg = page_of(h);
  if (pages[pg].kind == PAGE_SMALL)
    return class_size[pages[pg].cls] - HEADER_SIZE;
  return ((uint64_t)pages[pg].npages << PAGE_SHIFT) - HEADER_SIZE;
}

/* Go's zero-size allocations all share one address (runtime.zerobase). */
static uint64_t zerobase;

void *refrt_alloc(const refrt_type *t, uint64_t count) {
  uint64_t size;
  header *h;
  if (!heap_base)
    refrt_init(NULL);
  if (t->kind & REFRT_KIND_GC_PROG)
    refrt_fatal("type descriptor %p uses a GC program; not supported", (const void *)t);
  if (t->ptrdata > t->size)
    refrt_fatal("type descriptor %p has ptrdata %llu > size %llu", (const void *)t,
                (unsigned long long)t->ptrdata, (unsigned long long)t->size);
  if (count && t->size > UINT64_MAX / count)
    refrt_fatal("allocation of %llu x %llu bytes overflows",
                (unsigned long long)count, (unsigned long long)t->size);
  size = t->size * count;
  if (size == 0)
    return &zerobase;
  if (count > 0xffffffffu)
    refrt_fatal("allocation of %llu elements is too large", (unsigned long long)count);
  if (!refrt_cfg.gc_off &&
      (refrt_cfg.stress || allocated_since_gc + size >= next_gc))
    refrt_collect();
  h = try_alloc(size);
  if (!h && !refrt_cfg.gc_off) {
    refrt_collect();
    h = try_alloc(size);
  }
  if (!h)
    refrt_fatal("out of memory allocating %llu bytes", (unsigned long long)size);
  h->flags = HDR_ALLOCATED;
  h->count = (uint32_t)count;
  h->type = t->ptrdata ? t : NULL;
  /* Free slots hold poison or free-list links: Go memory starts zeroed. */
  memset((char *)h + HEADER_SIZE, 0, slot_payload(h));
  allocated_since_gc += size;
  return (char *)h + HEADER_SIZE;
}

/* The header of the allocated-or-free slot containing p, or NULL if p is not
 * inside a slot's payload. */
static header *slot_of(const void *p) {
  uintptr_t a = (uintptr_t)p, pg;
  char *start;
  if (!heap_base || a < (uintptr_t)heap_base ||
      a >= (uintptr_t)heap_base + (heap_used << PAGE_SHIFT))
    return NULL;
  pg = page_of(p);
  switch (pages[pg].kind) {
  case PAGE_SMALL: {
    uint32_t cs = class_size[pages[pg].cls];
    uintptr_t off = a - (uintptr_t)page_addr(pg);
    if (off / cs >= PAGE_SIZE / cs)
      return NULL; /* the page's unused tail */
    start = page_addr(pg) + off / cs * cs;
    break;
  }
  case PAGE_LARGE:
    start = page_addr(pg);
    break;
  case PAGE_LARGE_CONT:
    start = page_addr(pages[pg].first);
    break;
  default:
    return NULL;
  }
  if (a < (uintptr_t)start + HEADER_SIZE)
    return NULL;
  return (header *)start;
}

int refrt_in_heap(const void *p) {
  return heap_base && (uintptr_t)p >= (uintptr_t)heap_base &&
         (uintptr_t)p < (uintptr_t)heap_base + (heap_pages << PAGE_SHIFT);
}

int refrt_is_allocated(const void *p) {
  header *h = slot_of(p);
  return h && (h->flags & HDR_ALLOCATED);
}

/* ---- marking ---------------------------------------------------------- */

static header **mark_stack;
static size_t mark_len, mark_cap;

static void push(header *h) {
  if (mark_len == mark_cap) {
    mark_cap = mark_cap ? mark_cap * 2 : 1024;
    mark_stack = realloc(mark_stack, mark_cap * sizeof *mark_stack);
    if (!mark_stack)
      refrt_fatal("out of memory growing the mark stack");
  }
  mark_stack[mark_len++] = h;
}

extern char __executable_start[], _end[];

/* What a root word may hold: nil, a pointer into an allocated heap object,
 * into the program image (globals, constants, functions) or into the stack.
 * Anything else, in particular a pointer into a freed slot, means a stack map
 * or root list marked a word it should not have, or missed one earlier. */
void refrt_check_root(uintptr_t w, const char *what, const void *where) {
  if (w == 0 || w == (uintptr_t)&zerobase)
    return;
  if (refrt_in_heap((void *)w)) {
    header *h = slot_of((void *)w);
    if (h && (h->flags & HDR_ALLOCATED))
      return;
    if (!h && slot_of((char *)w + HEADER_SIZE) &&
        (uintptr_t)slot_of((char *)w + HEADER_SIZE) + HEADER_SIZE > w)
      refrt_fatal("%s at %p holds %p, which points into the header of a heap "
                  "object",
                  what, where, (void *)w);
    refrt_fatal("%s at %p holds %p, which points to %s heap memory", what,
                where, (void *)w, h ? "freed" : "unallocated");
  }
  if (w >= (uintptr_t)__executable_start && w < (uintptr_t)_end)
    return;
  if (refrt_on_stack(w))
    return;
  refrt_fatal("%s at %p holds %p, which is neither nil nor a pointer into the "
              "heap, the program image or the stack",
              what, where, (void *)w);
}

void refrt_mark_word(uintptr_t w) {
  header *h = slot_of((void *)w);
  if (!h || !(h->flags & HDR_ALLOCATED) || (h->flags & HDR_MARKED))
    return;
  h->flags |= HDR_MARKED;
  push(h);
}

/* Scans [base, base + ptrdata) with Go's mask (bit i: word i is a pointer). */
static void scan_masked(const char *base, uint64_t ptrdata,
                        const uint8_t *mask) {
  uint64_t i, words = ptrdata / 8;
  for (i = 0; i < words; i++)
    if (mask[i / 8] & (1u << (i % 8)))
      refrt_mark_word(*(const uintptr_t *)(base + 8 * i));
}

static void drain(void) {
  while (mark_len) {
    header *h = mark_stack[--mark_len];
    const refrt_type *t = h->type;
    const char *p = (const char *)h + HEADER_SIZE;
    uint32_t i;
    if (!t)
      continue;
    for (i = 0; i < h->count; i++)
      scan_masked(p + (uint64_t)i * t->size, t->ptrdata, t->gcdata);
  }
}

/* ---- global roots ----------------------------------------------------- */

static refrt_root_list *root_lists;

/* func registerGCRoots(r *gcRootList), called from package init functions
 * or constructors with the closure context (ignored) in r10. */
void runtime_registerGCRoots(refrt_root_list *r) __asm__("runtime.registerGCRoots");
void runtime_registerGCRoots(refrt_root_list *r) {
  intptr_t i;
  for (i = 0; i < r->count; i++)
    if (r->roots[i].ptrdata > r->roots[i].size)
      refrt_fatal("root %ld of list %p has ptrdata %lu > size %lu", (long)i,
                  (void *)r, (unsigned long)r->roots[i].ptrdata,
                  (unsigned long)r->roots[i].size);
  r->next = root_lists;
  root_lists = r;
}

static void mark_globals(void) {
  refrt_root_list *r;
  for (r = root_lists; r; r = r->next) {
    intptr_t i;
    for (i = 0; i < r->count; i++) {
      const refrt_root *root = &r->roots[i];
      uint64_t w, words = root->ptrdata / 8;
      for (w = 0; w < words; w++) {
        uintptr_t v;
        if (!(root->gcdata[w / 8] & (1u << (w % 8))))
          continue;
        v = ((const uintptr_t *)root->decl)[w];
        if (!v)
          continue;
        refrt_stat.global_roots++;
        if (refrt_cfg.check)
          refrt_check_root(v, "global root word",
                           (const uintptr_t *)root->decl + w);
        refrt_mark_word(v);
      }
    }
  }
}

/* ---- sweeping --------------------------------------------------------- */

static void sweep(void) {
  uintptr_t pg;
  uint64_t live = 0, nlive = 0;
  for (pg = 0; pg < heap_used; pg++) {
    page_info *pi = &pages[pg];
    if (pi->kind == PAGE_SMALL) {
      uint32_t cs = class_size[pi->cls];
      char *s = page_addr(pg), *end = s + PAGE_SIZE / cs * cs;
      for (; s < end; s += cs) {
        header *h = (header *)s;
        if (!(h->flags & HDR_ALLOCATED))
          continue;
        if (h->flags & HDR_MARKED) {
          h->flags &= ~HDR_MARKED;
          live += cs;
          nlive++;
          continue;
        }
        h->flags = 0;
        if (refrt_cfg.stress)
          poison(s + HEADER_SIZE, cs - HEADER_SIZE);
        ((free_slot *)(s + HEADER_SIZE))->next = free_list[pi->cls];
        free_list[pi->cls] = (free_slot *)(s + HEADER_SIZE);
        refrt_stat.objects_freed++;
      }
    } else if (pi->kind == PAGE_LARGE) {
      header *h = (header *)page_addr(pg);
      uint32_t n = pi->npages, i;
      if (h->flags & HDR_MARKED) {
        h->flags &= ~HDR_MARKED;
        live += (uint64_t)n << PAGE_SHIFT;
        nlive++;
      } else {
        h->flags = 0;
        if (refrt_cfg.stress)
          poison((char *)h + HEADER_SIZE, ((size_t)n << PAGE_SHIFT) - HEADER_SIZE);
        else
          madvise(h, (size_t)n << PAGE_SHIFT, MADV_DONTNEED);
        for (i = 0; i < n; i++)
          pages[pg + i].kind = PAGE_FREE;
        refrt_stat.objects_freed++;
      }
      pg += n - 1;
    }
  }
  live_bytes = live;
  refrt_stat.objects_live = nlive;
}

/* ---- pinned words (refrt_internal.h) ----------------------------------- */

enum { MAX_PINS = 16 };
static const void *pins[MAX_PINS];
static int npins;

void refrt_pin(const void *p) {
  if (npins == MAX_PINS)
    refrt_fatal("more than %d pinned pointers", MAX_PINS);
  pins[npins++] = p;
}

void refrt_unpin(int n) {
  if (n > npins)
    refrt_fatal("unpinning %d pointers, %d pinned", n, npins);
  npins -= n;
}

static void mark_pins(void) {
  int i;
  for (i = 0; i < npins; i++)
    if (pins[i])
      refrt_mark_word((uintptr_t)pins[i]);
}

static int collecting;

void refrt_collect_from(void *frame) {
  if (collecting)
    refrt_fatal("collection re-entered");
  collecting = 1;
  refrt_stat.collections++;
  mark_globals();
  mark_pins();
  drain();
  refrt_scan_stack(frame);
  drain();
  sweep();
  allocated_since_gc = 0;
  next_gc = live_bytes * 2 > (4u << 20) ? live_bytes * 2 : (4u << 20);
  collecting = 0;
}

static void collect_on_system_stack(void *frame, void *unused) {
  (void)unused;
  refrt_collect_from(frame);
}

/* The walk starts at this frame, on the Go stack; the collector itself runs
 * on refrt's system stack (sysstack.S): a collection may start on a
 * split-stack segment with little room left. */
__attribute__((noinline)) void refrt_collect(void) {
  refrt_on_system_stack(__builtin_frame_address(0), NULL,
                        collect_on_system_stack);
}

static void print_stats(void) {
  fprintf(stderr,
          "refrt: %llu collections, %llu frames scanned, %llu stack roots, "
          "%llu global roots, %llu objects freed, %llu live, "
          "%llu poll collections, %llu segment crossings, %llu max segments\n",
          (unsigned long long)refrt_stat.collections,
          (unsigned long long)refrt_stat.frames_scanned,
          (unsigned long long)refrt_stat.stack_roots,
          (unsigned long long)refrt_stat.global_roots,
          (unsigned long long)refrt_stat.objects_freed,
          (unsigned long long)refrt_stat.objects_live,
          (unsigned long long)refrt_stat.poll_collections,
          (unsigned long long)refrt_stat.segment_crossings,
          (unsigned long long)refrt_stat.max_segments);
}

static int env_on(const char *name) {
  const char *v = getenv(name);
  return v && *v && strcmp(v, "0") != 0 && strcmp(v, "off") != 0;
}

void refrt_init(void *outermost_frame) {
  const char *gc = getenv("REFRT_GC");
  const char *maps = getenv("REFRT_MAPS");
  if (!heap_base)
    heap_init();
  refrt_cfg.stress = env_on("REFRT_STRESS");
  refrt_cfg.check = refrt_cfg.stress || env_on("REFRT_CHECK");
  refrt_cfg.gc_off = gc && strcmp(gc, "off") == 0;
  if (maps && *maps && strcmp(maps, "go") != 0 && strcmp(maps, "gollvm") != 0)
    refrt_fatal("REFRT_MAPS must be go or gollvm, not '%s'", maps);
  refrt_cfg.maps_gollvm = maps && strcmp(maps, "gollvm") == 0;
  if (env_on("REFRT_STATS") && !refrt_cfg.stats)
    atexit(print_stats);
  refrt_cfg.stats = env_on("REFRT_STATS");
  if (outermost_frame)
    refrt_set_outermost_frame(outermost_frame);
  refrt_install_nil_fault_handler();
  /* Under stress every preemption poll collects (goapi.c). */
  if (refrt_cfg.stress && !refrt_cfg.gc_off)
    __atomic_store_n(&refrt_preempt_requested, 1, __ATOMIC_RELAXED);
}
