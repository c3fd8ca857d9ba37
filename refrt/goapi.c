/*===- goapi.c - The runtime functions Gollvm-style code calls -------------===*\
|*                                                                            *|
|* Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.        *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* The libgo entry points the test programs use, under their Go symbol names  *|
|* (`runtime.newobject`, ...). Gollvm passes a closure context with the       *|
|* `nest` attribute first; on x86-64 it travels in r10, so these C functions  *|
|* simply do not declare it. Each function is noinline and keeps its frame    *|
|* pointer, so the collector's frame walk passes through it.                  *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#include "refrt_internal.h"

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define GOAPI(name) __asm__(name) __attribute__((noinline, used))

/* func newobject(typ *_type) unsafe.Pointer */
void *runtime_newobject(const refrt_type *t) GOAPI("runtime.newobject");
void *runtime_newobject(const refrt_type *t) { return refrt_alloc(t, 1); }

/* func makeslice(et *_type, len, cap int) unsafe.Pointer (Go 1.18). */
void *runtime_makeslice(const refrt_type *et, int64_t len, int64_t cap)
    GOAPI("runtime.makeslice");
void *runtime_makeslice(const refrt_type *et, int64_t len, int64_t cap) {
  if (len < 0 || len > cap)
    refrt_fatal("panic: runtime error: makeslice: len out of range");
  if (cap < 0 || (et->size && (uint64_t)cap > (1ull << 40) / et->size))
    refrt_fatal("panic: runtime error: makeslice: cap out of range");
  return refrt_alloc(et, (uint64_t)cap);
}

/* Explicit collection, as Go's runtime.GC(). */
void runtime_GC(void) GOAPI("runtime.GC");
void runtime_GC(void) { refrt_collect(); }

/* println support: Gollvm lowers println(a, b) to printlock, print<kind>
 * per operand with printsp between, printnl, printunlock. */
void runtime_printlock(void) GOAPI("runtime.printlock");
void runtime_printlock(void) {}
void runtime_printunlock(void) GOAPI("runtime.printunlock");
void runtime_printunlock(void) {}
void runtime_printint(int64_t v) GOAPI("runtime.printint");
void runtime_printint(int64_t v) { printf("%lld", (long long)v); }
void runtime_printuint(uint64_t v) GOAPI("runtime.printuint");
void runtime_printuint(uint64_t v) { printf("%llu", (unsigned long long)v); }
void runtime_printbool(uint8_t v) GOAPI("runtime.printbool");
void runtime_printbool(uint8_t v) { fputs(v ? "true" : "false", stdout); }
void runtime_printsp(void) GOAPI("runtime.printsp");
void runtime_printsp(void) { putchar(' '); }
void runtime_printnl(void) GOAPI("runtime.printnl");
void runtime_printnl(void) { putchar('\n'); }
/* A Go string {ptr, len} arrives as two words. */
void runtime_printstring(const char *p, int64_t n) GOAPI("runtime.printstring");
void runtime_printstring(const char *p, int64_t n) {
  fwrite(p, 1, (size_t)n, stdout);
}

#define NIL_PANIC                                                            \
  "panic: runtime error: invalid memory address or nil pointer dereference"

void runtime_panicmem(void) GOAPI("runtime.panicmem");
void runtime_panicmem(void) { refrt_fatal(NIL_PANIC); }

/* go-llc folds Gollvm's nil checks into the accesses they guard
 * (-nil-checks=implicit, docs/Statepoints.md), so a nil dereference is a
 * SIGSEGV below 4096, which libgo turns into runtime.panicmem's panic. refrt
 * has no panics: it prints the panic's message, as runtime_panicmem does
 * for an explicit check, and the fault then takes its default action (the program dies of
 * SIGSEGV, as it did before, so a harness still sees a crash: a
 * dereference of a pointer the collector wrongly freed can look the same).
 * Any other fault is left to the default action alone. */
static void nil_fault(int sig, siginfo_t *info, void *ctx) {
  (void)ctx;
  if ((uintptr_t)info->si_addr < 4096) {
    /* Not "refrt: fatal:": harnesses take that for the checker's verdict. */
    static const char Line[] = "refrt: SIGSEGV below 4096: " NIL_PANIC "\n";
    fflush(stdout);
    if (write(2, Line, sizeof Line - 1) < 0) {
      /* Nothing more to say. */
    }
  }
  signal(sig, SIG_DFL);
}

void refrt_install_nil_fault_handler(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = nil_fault;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, NULL);
}

void runtime_goPanicIndex(int64_t x, int64_t y) GOAPI("runtime.goPanicIndex");
void runtime_goPanicIndex(int64_t x, int64_t y) {
  refrt_fatal("panic: runtime error: index out of range [%lld] with length "
              "%lld",
              (long long)x, (long long)y);
}

/* ---- what Gollvm's front end emits for Go source ----------------------
 * llvm-goc's output for a program that uses only the language (no imported
 * packages, println for output) needs the functions below besides the ones
 * above: package initialisation of the runtime's own imports, equality
 * functions named in type descriptors, write-barrier and copy helpers,
 * append, string building and interface assertions. They follow Go 1.18's
 * gccgo signatures (libgo/go/runtime): results of two words come back in
 * rax:rdx, larger ones through the sret pointer, which the C ABI passes in
 * rdi like Gollvm. Anything else a program needs is an undefined symbol at
 * link time: the program uses more of libgo than refrt provides. */

/* Package initialisers and type-descriptor lists of the packages every Go
 * main package imports through the runtime. refrt needs neither: type
 * descriptors are read where allocations name them. */
#define GOINIT(sym, name)                                                      \
  void sym(void) GOAPI(name);                                                  \
  void sym(void) {}
GOINIT(runtime_import, "runtime..import")
GOINIT(internal_cpu_import, "internal_1cpu..import")
#define GOTYPES(sym, name) const void *const sym[1] __asm__(name) = {0};
GOTYPES(runtime_types, "runtime..types")
GOTYPES(abi_types, "internal_1abi..types")
GOTYPES(bytealg_types, "internal_1bytealg..types")
GOTYPES(cpu_types, "internal_1cpu..types")
GOTYPES(goarch_types, "internal_1goarch..types")
GOTYPES(goexperiment_types, "internal_1goexperiment..types")
GOTYPES(goos_types, "internal_1goos..types")
GOTYPES(atomic_types, "runtime_1internal_1atomic..types")
GOTYPES(math_types, "runtime_1internal_1math..types")
GOTYPES(sys_types, "runtime_1internal_1sys..types")

/* func registerTypeDescriptors(n int, p unsafe.Pointer) */
void runtime_registerTypeDescriptors(int64_t n, const void *lists)
    GOAPI("runtime.registerTypeDescriptors");
void runtime_registerTypeDescriptors(int64_t n, const void *lists) {}

/* The write barrier is never enabled: refrt stops the world to collect, and
 * code tests runtime.writeBarrier.enabled before calling gcWriteBarrier. */
struct { uint8_t enabled, pad[3], needed, cgo; uint64_t alignme; }
    runtime_writeBarrier __asm__("runtime.writeBarrier");
void runtime_gcWriteBarrier(uintptr_t *dst, uintptr_t src)
    GOAPI("runtime.gcWriteBarrier");
void runtime_gcWriteBarrier(uintptr_t *dst, uintptr_t src) { *dst = src; }

/* func typedmemmove(typ *_type, dst, src unsafe.Pointer) */
void runtime_typedmemmove(const refrt_type *t, void *dst, const void *src)
    GOAPI("runtime.typedmemmove");
void runtime_typedmemmove(const refrt_type *t, void *dst, const void *src) {
  if (dst != src)
    memmove(dst, src, t->size);
}

/* func typedslicecopy(typ *_type, dstPtr unsafe.Pointer, dstLen int,
 * srcPtr unsafe.Pointer, srcLen int) int: copy() of slices with pointers. */
int64_t runtime_typedslicecopy(const refrt_type *t, void *dst, int64_t dn,
                               const void *src, int64_t sn)
    GOAPI("runtime.typedslicecopy");
int64_t runtime_typedslicecopy(const refrt_type *t, void *dst, int64_t dn,
                               const void *src, int64_t sn) {
  int64_t n = dn < sn ? dn : sn;
  if (n > 0 && dst != src)
    memmove(dst, src, (size_t)n * t->size);
  return n;
}

/* Equality: memequal(p, q, size), and the functions type descriptors name
 * through function descriptors (`X..f`, whose first word is the code).
 * Called from C they get no closure in r10; none of them reads it. */
uint8_t runtime_memequal(const void *p, const void *q, uintptr_t n)
    GOAPI("runtime.memequal");
uint8_t runtime_memequal(const void *p, const void *q, uintptr_t n) {
  return p == q || memcmp(p, q, n) == 0;
}
#define MEMEQ(bits)                                                            \
  static uint8_t memequal##bits(const void *p, const void *q) {                \
    return memcmp(p, q, bits / 8) == 0;                                        \
  }                                                                            \
  const void *const memequal##bits##_f[1] __asm__(                            \
      "runtime.memequal" #bits "..f") = {(const void *)memequal##bits};
MEMEQ(8)
MEMEQ(16)
MEMEQ(32)
MEMEQ(64)
MEMEQ(128)

typedef struct { const char *p; int64_t n; } go_string;
typedef struct { void *p; int64_t len, cap; } go_slice;

static uint8_t strequal(const go_string *a, const go_string *b) {
  return a->n == b->n && (a->p == b->p || memcmp(a->p, b->p, a->n) == 0);
}
const void *const strequal_f[1] __asm__("runtime.strequal..f") = {
    (const void *)strequal};

/* Interface values are {itab or type, data}; an itab's first word is the
 * dynamic type. Pointer-shaped types (kindDirectIface) hold the value in
 * the data word; others point at it and compare with the type's equal
 * function. */
enum { KIND_DIRECT_IFACE = 1 << 5 };
static uint8_t ifaceeq(const refrt_type *t, void *x, void *y) {
  uint8_t (*eq)(void *, void *);
  if (!t)
    return 1;
  if (t->kind & KIND_DIRECT_IFACE)
    return x == y;
  if (!t->equal)
    refrt_fatal("panic: runtime error: comparing uncomparable type");
  eq = (uint8_t(*)(void *, void *))(*(void *const *)t->equal);
  return eq(x, y);
}
static uint8_t interequal(void *const *a, void *const *b) {
  if (a[0] != b[0])
    return 0;
  return ifaceeq(a[0] ? *(const refrt_type *const *)a[0] : NULL, a[1], b[1]);
}
static uint8_t nilinterequal(void *const *a, void *const *b) {
  return a[0] == b[0] && ifaceeq((const refrt_type *)a[0], a[1], b[1]);
}
/* func ifaceeq(x, y iface) bool, func efaceeq(x, y eface) bool: ==
 * between interface values, each passed as its two words. */
uint8_t runtime_ifaceeq(void *xtab, void *x, void *ytab, void *y)
    GOAPI("runtime.ifaceeq");
uint8_t runtime_ifaceeq(void *xtab, void *x, void *ytab, void *y) {
  void *a[2] = {xtab, x}, *b[2] = {ytab, y};
  return interequal(a, b);
}
uint8_t runtime_efaceeq(void *xtyp, void *x, void *ytyp, void *y)
    GOAPI("runtime.efaceeq");
uint8_t runtime_efaceeq(void *xtyp, void *x, void *ytyp, void *y) {
  void *a[2] = {xtyp, x}, *b[2] = {ytyp, y};
  return nilinterequal(a, b);
}
const void *const interequal_f[1] __asm__("runtime.interequal..f") = {
    (const void *)interequal};
const void *const nilinterequal_f[1] __asm__("runtime.nilinterequal..f") = {
    (const void *)nilinterequal};

/* Type descriptors the runtime package defines and programs name. */
static const uint8_t one_pointer_mask[1] = {1};
const refrt_type unsafe_pointer_type __asm__("unsafe.Pointer..d") = {
    8, 8, 0, 0, 8, 8, 26 | KIND_DIRECT_IFACE, NULL, one_pointer_mask,
    NULL, NULL, NULL};
static const refrt_type byte_type = {1, 0, 0, 0, 1, 1, 8, NULL, NULL,
                                     NULL, NULL, NULL};

/* Byte storage for strings. The sources stay reachable from the caller: its
 * stack object holding the strings (concatstrings) or the pinned slice. */
static char *alloc_bytes(int64_t n) {
  return n ? refrt_alloc(&byte_type, (uint64_t)n) : NULL;
}

/* A heap copy of n bytes at src. src is pinned across the allocation: the
 * caller's map may not hold it (a slice or string the caller no longer
 * needs after the call). */
static char *copy_bytes(const void *src, int64_t n) {
  char *p;
  refrt_pin(src);
  p = alloc_bytes(n);
  refrt_unpin(1);
  if (n)
    memcpy(p, src, (size_t)n);
  return p;
}

/* func concatstrings(buf *tmpBuf, a []string) string: the slice arrives as
 * pointer and length (Gollvm drops the capacity). */
go_string runtime_concatstrings(void *buf, const go_string *a, int64_t n)
    GOAPI("runtime.concatstrings");
go_string runtime_concatstrings(void *buf, const go_string *a, int64_t n) {
  go_string r = {NULL, 0};
  int64_t i, off = 0;
  char *p;
  for (i = 0; i < n; i++)
    r.n += a[i].n;
  p = alloc_bytes(r.n);
  for (i = 0; i < n; i++) {
    memcpy(p + off, a[i].p, (size_t)a[i].n);
    off += a[i].n;
  }
  r.p = p;
  return r;
}

/* func slicebytetostring(buf *tmpBuf, ptr *byte, n int) string */
go_string runtime_slicebytetostring(void *buf, const char *ptr, int64_t n)
    GOAPI("runtime.slicebytetostring");
go_string runtime_slicebytetostring(void *buf, const char *ptr, int64_t n) {
  go_string r;
  r.p = copy_bytes(ptr, n);
  r.n = n;
  return r;
}

/* Go's UTF-8 encoding of v into b, U+FFFD for values that are not code
 * points; returns the byte count. */
static int utf8_encode(int64_t v, unsigned char b[4]) {
  if (v < 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
    v = 0xFFFD;
  if (v < 0x80) {
    b[0] = (unsigned char)v;
    return 1;
  }
  if (v < 0x800) {
    b[0] = (unsigned char)(0xC0 | v >> 6);
    b[1] = (unsigned char)(0x80 | (v & 0x3F));
    return 2;
  }
  if (v < 0x10000) {
    b[0] = (unsigned char)(0xE0 | v >> 12);
    b[1] = (unsigned char)(0x80 | (v >> 6 & 0x3F));
    b[2] = (unsigned char)(0x80 | (v & 0x3F));
    return 3;
  }
  b[0] = (unsigned char)(0xF0 | v >> 18);
  b[1] = (unsigned char)(0x80 | (v >> 12 & 0x3F));
  b[2] = (unsigned char)(0x80 | (v >> 6 & 0x3F));
  b[3] = (unsigned char)(0x80 | (v & 0x3F));
  return 4;
}

/* func intstring(buf *[4]byte, v int64) string: string(rune(v)). */
go_string runtime_intstring(void *buf, int64_t v) GOAPI("runtime.intstring");
go_string runtime_intstring(void *buf, int64_t v) {
  unsigned char b[4];
  go_string r;
  int n = utf8_encode(v, b);
  char *p = alloc_bytes(n);
  memcpy(p, b, (size_t)n);
  r.p = p;
  r.n = n;
  return r;
}

/* func decoderune(s string, k int) (r rune, pos int): the rune at s[k]
 * and the index after it; RuneError and k+1 for an invalid sequence. */
typedef struct { int64_t r, pos; } go_rune_pos;
go_rune_pos runtime_decoderune(const unsigned char *s, int64_t n, int64_t k)
    GOAPI("runtime.decoderune");
go_rune_pos runtime_decoderune(const unsigned char *s, int64_t n, int64_t k) {
  go_rune_pos r = {0xFFFD, k + 1};
  unsigned char c = s[k];
  int64_t need, i;
  uint32_t v, min;
  if (c < 0x80) {
    r.r = c;
    return r;
  }
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1, v = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2, v = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3, v = c & 0x07, min = 0x10000;
  } else {
    return r;
  }
  if (k + need >= n)
    return r;
  for (i = 1; i <= need; i++) {
    if ((s[k + i] & 0xC0) != 0x80)
      return r;
    v = v << 6 | (s[k + i] & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
    return r;
  r.r = v;
  r.pos = k + need + 1;
  return r;
}

static const refrt_type rune_type = {4, 0, 0, 0, 4, 4, 5, NULL, NULL,
                                     NULL, NULL, NULL};

/* func stringtoslicerune(buf *[32]rune, s string) []rune */
void runtime_stringtoslicerune(go_slice *ret, void *buf, const char *s,
                               int64_t n) GOAPI("runtime.stringtoslicerune");
void runtime_stringtoslicerune(go_slice *ret, void *buf, const char *s,
                               int64_t n) {
  int64_t count = 0, k = 0, i = 0;
  int32_t *p;
  while (k < n) {
    k = runtime_decoderune((const unsigned char *)s, n, k).pos;
    count++;
  }
  refrt_pin(s);
  p = count ? refrt_alloc(&rune_type, (uint64_t)count) : NULL;
  refrt_unpin(1);
  for (k = 0; k < n; i++) {
    go_rune_pos d = runtime_decoderune((const unsigned char *)s, n, k);
    p[i] = (int32_t)d.r;
    k = d.pos;
  }
  ret->p = p;
  ret->len = ret->cap = count;
}

/* func slicerunetostring(buf *tmpBuf, a []rune) string: the slice arrives
 * in memory (byval), as the C ABI passes a three-word struct; its array is
 * pinned across the allocation (the caller's copy is in no map). */
go_string runtime_slicerunetostring(void *buf, go_slice a)
    GOAPI("runtime.slicerunetostring");
go_string runtime_slicerunetostring(void *buf, go_slice a) {
  const int32_t *rs = a.p;
  unsigned char b[4];
  go_string r = {NULL, 0};
  int64_t i, n = 0;
  char *p;
  for (i = 0; i < a.len; i++)
    n += utf8_encode(rs[i], b);
  refrt_pin(a.p);
  p = alloc_bytes(n);
  refrt_unpin(1);
  for (i = 0; i < a.len; i++)
    r.n += utf8_encode(rs[i], (unsigned char *)p + r.n);
  r.p = p;
  return r;
}

/* func cmpstring(x, y string) int */
int64_t runtime_cmpstring(const char *x, int64_t xn, const char *y,
                          int64_t yn) GOAPI("runtime.cmpstring");
int64_t runtime_cmpstring(const char *x, int64_t xn, const char *y,
                          int64_t yn) {
  int c = memcmp(x, y, (size_t)(xn < yn ? xn : yn));
  if (c)
    return c < 0 ? -1 : 1;
  return xn < yn ? -1 : xn > yn;
}

/* func stringtoslicebyte(buf *tmpBuf, s string) []byte */
void runtime_stringtoslicebyte(go_slice *ret, void *buf, const char *s,
                               int64_t n) GOAPI("runtime.stringtoslicebyte");
void runtime_stringtoslicebyte(go_slice *ret, void *buf, const char *s,
                               int64_t n) {
  ret->p = copy_bytes(s, n);
  ret->len = ret->cap = n;
}

/* func growslice(et *_type, oldarray unsafe.Pointer, oldlen, oldcap, cap
 * int) slice (libgo/go/runtime/slice.go of GCC 12): cap is the length the
 * caller needs, and the result has that length. Go 1.18's growth rule
 * (double below 256 elements, then by a quarter plus 192), without the
 * rounding up to a size class. The old array is pinned: after the call the
 * caller's map may no longer hold it. */
void runtime_growslice(go_slice *ret, const refrt_type *et, void *old,
                       int64_t len, int64_t cap, int64_t want)
    GOAPI("runtime.growslice");
void runtime_growslice(go_slice *ret, const refrt_type *et, void *old,
                       int64_t len, int64_t cap, int64_t want) {
  int64_t newcap = cap;
  void *p;
  if (want < cap || len > cap || len < 0)
    refrt_fatal("panic: growslice: cap out of range");
  if (want > 2 * cap) {
    newcap = want;
  } else if (cap < 256) {
    newcap = 2 * cap;
  } else {
    while (newcap > 0 && newcap < want)
      newcap += (newcap + 3 * 256) / 4;
    if (newcap <= 0)
      newcap = want;
  }
  refrt_pin(old);
  p = refrt_alloc(et, (uint64_t)newcap);
  refrt_unpin(1);
  if (len && et->size)
    memmove(p, old, (size_t)len * et->size);
  ret->p = p;
  ret->len = want;
  ret->cap = newcap;
}

/* Type assertions to a concrete type: x.(T) with T pointer-shaped (..P,
 * returning the data word) or not (copying the value to ret). The I forms
 * take an itab, the E forms a type; one program has one descriptor per
 * type, so types compare by address. */
typedef struct { void *p; uint8_t ok; } go_ptr_ok;
static go_ptr_ok assert_ptr(const refrt_type *want, const refrt_type *have,
                            void *data) {
  go_ptr_ok r = {NULL, 0};
  if (have == want) {
    r.p = data;
    r.ok = 1;
  }
  return r;
}
static uint8_t assert_val(const refrt_type *want, const refrt_type *have,
                          const void *data, void *ret) {
  if (have != want) {
    memset(ret, 0, want->size);
    return 0;
  }
  memmove(ret, data, want->size);
  return 1;
}
static const refrt_type *itab_type(const void *tab) {
  return tab ? *(const refrt_type *const *)tab : NULL;
}
go_ptr_ok runtime_ifaceI2T2P(const refrt_type *t, const void *tab, void *d)
    GOAPI("runtime.ifaceI2T2P");
go_ptr_ok runtime_ifaceI2T2P(const refrt_type *t, const void *tab, void *d) {
  return assert_ptr(t, itab_type(tab), d);
}
go_ptr_ok runtime_ifaceE2T2P(const refrt_type *t, const refrt_type *e, void *d)
    GOAPI("runtime.ifaceE2T2P");
go_ptr_ok runtime_ifaceE2T2P(const refrt_type *t, const refrt_type *e, void *d) {
  return assert_ptr(t, e, d);
}
uint8_t runtime_ifaceI2T2(const refrt_type *t, const void *tab, void *d,
                          void *ret) GOAPI("runtime.ifaceI2T2");
uint8_t runtime_ifaceI2T2(const refrt_type *t, const void *tab, void *d,
                          void *ret) {
  return assert_val(t, itab_type(tab), d, ret);
}
uint8_t runtime_ifaceE2T2(const refrt_type *t, const refrt_type *e, void *d,
                          void *ret) GOAPI("runtime.ifaceE2T2");
uint8_t runtime_ifaceE2T2(const refrt_type *t, const refrt_type *e, void *d,
                          void *ret) {
  return assert_val(t, e, d, ret);
}

/* Methods of the runtime's own types that llvm-goc -O0 output references
 * from wrapper stubs it emits for them, unused by the program; refrt has no
 * scheduler behind them. */
#define GONOSCHED(sym, name)                                                   \
  void sym(void) GOAPI(name);                                                  \
  void sym(void) { refrt_fatal("%s: refrt has no goroutine scheduler", name); }
GONOSCHED(runtime_gList_pop, "runtime.gList.pop")
GONOSCHED(runtime_gList_push, "runtime.gList.push")
GONOSCHED(runtime_gList_pushAll, "runtime.gList.pushAll")
GONOSCHED(runtime_gList_empty, "runtime.gList.empty")

/* Run-time panics refrt cannot recover from: the program stops. */
#define GOPANIC2(sym, name, fmt)                                               \
  void sym(int64_t x, int64_t y) GOAPI(name);                                  \
  void sym(int64_t x, int64_t y) {                                             \
    refrt_fatal("panic: runtime error: " fmt, (long long)x, (long long)y);     \
  }
GOPANIC2(runtime_goPanicSliceB, "runtime.goPanicSliceB",
         "slice bounds out of range [%lld:%lld]")
GOPANIC2(runtime_goPanicSliceAlen, "runtime.goPanicSliceAlen",
         "slice bounds out of range [:%lld] with length %lld")
GOPANIC2(runtime_goPanicSliceAcap, "runtime.goPanicSliceAcap",
         "slice bounds out of range [:%lld] with capacity %lld")
GOPANIC2(runtime_goPanicSlice3Alen, "runtime.goPanicSlice3Alen",
         "slice bounds out of range [::%lld] with length %lld")
GOPANIC2(runtime_goPanicSlice3Acap, "runtime.goPanicSlice3Acap",
         "slice bounds out of range [::%lld] with capacity %lld")
GOPANIC2(runtime_goPanicSlice3B, "runtime.goPanicSlice3B",
         "slice bounds out of range [:%lld:%lld]")
GOPANIC2(runtime_goPanicSlice3C, "runtime.goPanicSlice3C",
         "slice bounds out of range [%lld:%lld:]")
void runtime_panicdivide(void) GOAPI("runtime.panicdivide");
void runtime_panicdivide(void) {
  refrt_fatal("panic: runtime error: integer divide by zero");
}

/* go-preempt's polls (docs/Preemption.md): code compiled with
 * -preempt=entry,backedge loads __go_preempt_requested at function entries
 * and loop back edges and calls __go_preempt_slow when it is set. refrt has
 * one thread and no scheduler, so nothing sets the flag, except under
 * REFRT_STRESS, where it stays set and every poll collects: each poll is a
 * safepoint whose stack map the collector then relies on. */
__attribute__((aligned(64))) int32_t refrt_preempt_requested
    __asm__("__go_preempt_requested");
void refrt_preempt_slow(void) GOAPI("__go_preempt_slow");
void refrt_preempt_slow(void) {
  if (refrt_cfg.stress && !refrt_cfg.gc_off) {
    refrt_stat.poll_collections++;
    refrt_collect();
    return;
  }
  __atomic_store_n(&refrt_preempt_requested, 0, __ATOMIC_RELAXED);
}
