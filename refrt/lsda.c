/*===- lsda.c - Stack maps in the LSDA (the gollvm format) -----------------===*\
|*                                                                            *|
|* Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.        *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* The second way refrt finds stack maps, chosen with REFRT_MAPS=gollvm: the  *|
|* one Gollvm's libgo uses, written from the format as docs/StackMapFormat.md *|
|* ("The gollvm format") describes it, not from libgo. For a return address   *|
|* ra: the FDE that covers ra - 1 (libgcc's _Unwind_Find_FDE, which searches  *|
|* .eh_frame_hdr), the LSDA pointer in the FDE's augmentation data (its       *|
|* encoding in the CIE's "zPLR" augmentation), then in the LSDA: a type       *|
|* table, whose first call-site entry's type info points at the "GO..FUNC"    *|
|* sentinel in Go functions, and the call-site entry covering ra - 1, whose   *|
|* type info points at {u32 nwords; u8 bits[]}: bit k set means the word at   *|
|* sp + 8k holds a live pointer, sp being the frame's stack pointer at the    *|
|* call (the callee's CFA).                                                   *|
|*                                                                            *|
|* No FDE, no LSDA, no type table or no sentinel: not a Go frame, skipped     *|
|* (libgo does the same). A Go function without an entry for ra - 1, or an    *|
|* entry without a stack map: fatal, never skipped.                           *|
|*                                                                            *|
|* It also defines __gccgo_personality_dummy, the personality routine the    *|
|* gollvm format gives functions without landing pads (libgo has its own),   *|
|* and the LSDA reading that refrt's personality routine (unwind.c) shares.  *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#include "refrt_internal.h"

#include <string.h>
#include <unwind.h>

/* libgcc's FDE lookup (unwind-dw2-fde.h; exported by libgcc_s and
 * libgcc_eh, and by LLVM's libunwind). */
struct dwarf_eh_bases {
  void *tbase;
  void *dbase;
  void *func;
};
extern const void *_Unwind_Find_FDE(void *pc, struct dwarf_eh_bases *bases);

_Unwind_Reason_Code __gccgo_personality_dummy(int version,
                                              _Unwind_Action actions,
                                              _Unwind_Exception_Class cls,
                                              struct _Unwind_Exception *ue,
                                              struct _Unwind_Context *ctx) {
  (void)version, (void)actions, (void)cls, (void)ue, (void)ctx;
  return _URC_CONTINUE_UNWIND;
}

/* "GO..FUNC" read as a little-endian u64. */
#define GO_FUNC_SENTINEL 0x434e55462e2e4f47ULL

enum {
  PE_absptr = 0x00,
  PE_uleb128 = 0x01,
  PE_udata2 = 0x02,
  PE_udata4 = 0x03,
  PE_udata8 = 0x04,
  PE_sleb128 = 0x09,
  PE_sdata2 = 0x0a,
  PE_sdata4 = 0x0b,
  PE_sdata8 = 0x0c,
  PE_pcrel = 0x10,
  PE_indirect = 0x80,
  PE_omit = 0xff,
};

static const unsigned char *uleb(const unsigned char *p, uintptr_t *out) {
  uintptr_t v = 0;
  unsigned shift = 0;
  unsigned char b;
  do {
    b = *p++;
    if (shift < 64)
      v |= (uintptr_t)(b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80);
  *out = v;
  return p;
}

const unsigned char *refrt_sleb(const unsigned char *p, intptr_t *out) {
  uintptr_t v = 0;
  unsigned shift = 0;
  unsigned char b;
  do {
    b = *p++;
    if (shift < 64)
      v |= (uintptr_t)(b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80);
  if (shift < 64 && (b & 0x40))
    v |= ~(uintptr_t)0 << shift;
  *out = (intptr_t)v;
  return p;
}

/* Bytes of a value of a fixed-size encoding (type-table entries). */
static size_t fixed_size(unsigned char enc) {
  switch (enc & 0x0f) {
  case PE_absptr:
  case PE_udata8:
  case PE_sdata8:
    return 8;
  case PE_udata4:
  case PE_sdata4:
    return 4;
  case PE_udata2:
  case PE_sdata2:
    return 2;
  }
  refrt_fatal("gollvm maps: type-table encoding %#x has no fixed size", enc);
}

/* Reads one DWARF EH pointer encoding at p. A raw value of 0 stays 0 (no
 * pointer), as the unwinders read it. Only what x86-64 ELF uses: absolute
 * or pc-relative, optionally indirect. */
static const unsigned char *read_enc(unsigned char enc, const unsigned char *p,
                                     uintptr_t *out) {
  const unsigned char *field = p;
  uintptr_t v = 0;
  if (enc == PE_omit)
    refrt_fatal("gollvm maps: reading an omitted value");
  switch (enc & 0x0f) {
  case PE_uleb128:
    p = uleb(p, &v);
    break;
  case PE_sleb128: {
    intptr_t s;
    p = refrt_sleb(p, &s);
    v = (uintptr_t)s;
    break;
  }
  case PE_udata2: {
    uint16_t x;
    memcpy(&x, p, 2);
    v = x, p += 2;
    break;
  }
  case PE_sdata2: {
    int16_t x;
    memcpy(&x, p, 2);
    v = (uintptr_t)(intptr_t)x, p += 2;
    break;
  }
  case PE_udata4: {
    uint32_t x;
    memcpy(&x, p, 4);
    v = x, p += 4;
    break;
  }
  case PE_sdata4: {
    int32_t x;
    memcpy(&x, p, 4);
    v = (uintptr_t)(intptr_t)x, p += 4;
    break;
  }
  case PE_absptr:
  case PE_udata8:
  case PE_sdata8:
    memcpy(&v, p, 8);
    p += 8;
    break;
  default:
    refrt_fatal("gollvm maps: unsupported pointer encoding %#x", enc);
  }
  if (v) {
    switch (enc & 0x70) {
    case 0:
      break;
    case PE_pcrel:
      v += (uintptr_t)field;
      break;
    default:
      refrt_fatal("gollvm maps: unsupported pointer base in encoding %#x",
                  enc);
    }
    if (enc & PE_indirect)
      v = *(const uintptr_t *)v;
  }
  *out = v;
  return p;
}

/* The LSDA of the FDE at fde, or NULL. */
static const unsigned char *fde_lsda(const unsigned char *fde) {
  uint32_t len, cie_off;
  const unsigned char *cie, *p, *aug;
  unsigned char fde_enc = PE_absptr, lsda_enc = PE_omit;
  uintptr_t tmp, lsda;
  intptr_t stmp;
  memcpy(&len, fde, 4);
  if (len == 0xffffffffu)
    refrt_fatal("gollvm maps: 64-bit DWARF FDE at %p", (const void *)fde);
  memcpy(&cie_off, fde + 4, 4);
  cie = fde + 4 - cie_off;
  /* CIE: length, id 0, version, augmentation string, code and data
   * alignment, return-address register, then the augmentation data. */
  p = cie + 8;
  if (*p != 1 && *p != 3)
    refrt_fatal("gollvm maps: CIE version %u at %p", *p, (const void *)cie);
  {
    unsigned version = *p++;
    aug = p;
    p += strlen((const char *)aug) + 1;
    if (aug[0] != 'z')
      return NULL; /* no augmentation data: no LSDA */
    p = uleb(p, &tmp);
    p = refrt_sleb(p, &stmp);
    if (version == 1)
      p++;
    else
      p = uleb(p, &tmp);
  }
  p = uleb(p, &tmp); /* augmentation data length */
  for (const unsigned char *a = aug + 1; *a; a++) {
    switch (*a) {
    case 'P': {
      unsigned char enc = *p++;
      p = read_enc(enc & 0x7f, p, &tmp); /* skip, do not dereference */
      break;
    }
    case 'L':
      lsda_enc = *p++;
      break;
    case 'R':
      fde_enc = *p++;
      break;
    case 'S':
    case 'B':
      break;
    default:
      refrt_fatal("gollvm maps: CIE augmentation \"%s\" at %p", aug,
                  (const void *)cie);
    }
  }
  if (lsda_enc == PE_omit)
    return NULL;
  /* FDE: length, CIE pointer, pc_begin, pc_range, augmentation data. */
  p = fde + 8;
  p = read_enc(fde_enc & 0x0f, p, &tmp);
  p = read_enc(fde_enc & 0x0f, p, &tmp);
  p = uleb(p, &tmp);
  read_enc(lsda_enc, p, &lsda);
  return (const unsigned char *)lsda;
}

void refrt_lsda_parse(const unsigned char *lsda, uintptr_t func,
                      refrt_lsda *out) {
  const unsigned char *p = lsda;
  uintptr_t tmp;
  /* LSDA header: @LPStart (the function's start when omitted), the type
   * table, the call-site table; the action table follows the latter. */
  out->func = func;
  out->lpstart = func;
  if (*p++ != PE_omit)
    p = read_enc(p[-1], p, &out->lpstart);
  out->tt_enc = *p++;
  out->ttbase = NULL;
  out->tt_size = 0;
  if (out->tt_enc != PE_omit) {
    out->tt_size = fixed_size(out->tt_enc);
    p = uleb(p, &tmp);
    out->ttbase = p + tmp;
  }
  out->cs_enc = *p++;
  p = uleb(p, &tmp);
  out->cs = p;
  out->cs_end = p + tmp;
}

const unsigned char *refrt_lsda_callsite(const refrt_lsda *l,
                                         const unsigned char *p,
                                         refrt_callsite *cs) {
  p = read_enc(l->cs_enc, p, &cs->start);
  p = read_enc(l->cs_enc, p, &cs->len);
  p = read_enc(l->cs_enc, p, &cs->lp);
  return uleb(p, &cs->action);
}

const unsigned char *refrt_lsda_action(const refrt_lsda *l,
                                       const unsigned char *rec,
                                       intptr_t *filter) {
  intptr_t disp;
  const unsigned char *at = refrt_sleb(rec, filter);
  (void)l;
  refrt_sleb(at, &disp);
  return disp ? at + disp : NULL;
}

uintptr_t refrt_lsda_type(const refrt_lsda *l, intptr_t filter) {
  uintptr_t ti;
  if (!l->ttbase)
    refrt_fatal("LSDA of the function at %p: a type filter without a type "
                "table", (void *)l->func);
  read_enc(l->tt_enc, l->ttbase - filter * (intptr_t)l->tt_size, &ti);
  return ti;
}

int refrt_lsda_find(uintptr_t ra, const unsigned char **map,
                    uintptr_t *func) {
  struct dwarf_eh_bases bases;
  const unsigned char *fde, *lsda, *p;
  uintptr_t ip = ra - 1, ti;
  intptr_t type_index;
  refrt_lsda l;
  refrt_callsite cs;
  int first = 1;

  fde = _Unwind_Find_FDE((void *)ip, &bases);
  if (!fde)
    return 0;
  lsda = fde_lsda(fde);
  if (!lsda)
    return 0;
  *func = (uintptr_t)bases.func;
  refrt_lsda_parse(lsda, *func, &l);
  if (!l.ttbase)
    return 0;
  p = l.cs;
  while (p < l.cs_end) {
    p = refrt_lsda_callsite(&l, p, &cs);
    if (first) {
      /* A Go function's first entry only names the sentinel. */
      first = 0;
      if (!cs.action)
        return 0;
      refrt_lsda_action(&l, l.cs_end + cs.action - 1, &type_index);
      ti = refrt_lsda_type(&l, type_index);
      if (!ti || *(const uint64_t *)ti != GO_FUNC_SENTINEL)
        return 0;
      continue;
    }
    if (ip < *func + cs.start)
      break; /* sorted: passed it */
    if (ip >= *func + cs.start + cs.len)
      continue;
    if (!cs.action)
      refrt_fatal("no stack map for return address %p (function at %p + "
                  "%#lx): its LSDA call-site entry has no action",
                  (void *)ra, (void *)*func, (unsigned long)(ra - *func));
    refrt_lsda_action(&l, l.cs_end + cs.action - 1, &type_index);
    ti = refrt_lsda_type(&l, type_index);
    if (!ti)
      refrt_fatal("no stack map for return address %p (function at %p + "
                  "%#lx): null type info",
                  (void *)ra, (void *)*func, (unsigned long)(ra - *func));
    *map = (const unsigned char *)ti;
    return 1;
  }
  if (first)
    return 0;
  refrt_fatal("no stack map for return address %p (function at %p + %#lx, "
              "gollvm LSDA)",
              (void *)ra, (void *)*func, (unsigned long)(ra - *func));
}
