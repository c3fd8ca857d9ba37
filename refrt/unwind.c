/*===- unwind.c - Exceptions: throw, catch and the personality routine ----===*\
|*                                                                            *|
|* Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.        *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* Real unwinding through go-llc frames, so that the landing pads of          *|
|* statepoint invokes run: refrt.throw(type, value) raises an exception with  *|
|* libgcc's _Unwind_RaiseException; __gccgo_personality_v0 (the personality   *|
|* Gollvm names) reads each frame's LSDA as LLVM writes it (the Itanium C++   *|
|* ABI's call-site and action tables) and lands in the landing pad of the     *|
|* call that was unwound: in a catch clause whose type info is null (catch    *|
|* all) or the thrown type, or in a cleanup, which ends in `resume`           *|
|* (_Unwind_Resume). The landing pad gets {exception, selector}; a catching   *|
|* pad calls refrt.catch(exception) for the thrown value, which frees it.     *|
|*                                                                            *|
|* Strict where a lax personality would hide a bad table: a return address   *|
|* inside a function with an LSDA but in no call-site entry is fatal (C++    *|
|* would terminate), as is an exception nobody catches. Exceptions of other   *|
|* languages unwind through Go frames without running their landing pads.    *|
|* Nothing here allocates on the Go heap: the stack maps do not have to      *|
|* describe a frame while it is being unwound. This is not Go's panic and    *|
|* recover (no defers, no recover), only the unwinding they are built on.    *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#define _GNU_SOURCE /* RTLD_NEXT */
#include "refrt_internal.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <unwind.h>

/* "refrtexc" read as a little-endian u64. */
#define REFRT_EXCEPTION_CLASS 0x6378657472666572ULL

typedef struct refrt_exception {
  struct _Unwind_Exception ue; /* first: the unwinder hands out &ue */
  const void *type;
  int64_t value;
} refrt_exception;

static void delete_exception(_Unwind_Reason_Code reason,
                             struct _Unwind_Exception *ue) {
  (void)reason;
  free(ue);
}

/* Raises the exception; on the system stack (sysstack.S). */
static void raise_exception(void *type, void *value) {
  _Unwind_Reason_Code rc;
  refrt_exception *e = calloc(1, sizeof *e);
  if (!e)
    refrt_fatal("refrt.throw: out of memory");
  e->ue.exception_class = REFRT_EXCEPTION_CLASS;
  e->ue.exception_cleanup = delete_exception;
  e->type = type;
  e->value = (int64_t)(intptr_t)value;
  rc = _Unwind_RaiseException(&e->ue);
  if (rc == _URC_END_OF_STACK)
    refrt_fatal("uncaught exception (value %lld): no frame catches it",
                (long long)e->value);
  refrt_fatal("uncaught exception (value %lld): the unwinder failed "
              "(reason %d)", (long long)e->value, (int)rc);
}

/* refrt.throw(type, value): raises a refrt exception; never returns. The
 * unwinder runs on refrt's system stack: Go code may call this on a
 * split-stack segment with little room left. */
void refrt_throw(const void *type, int64_t value) __asm__("refrt.throw")
    __attribute__((noinline, used, noreturn));
void refrt_throw(const void *type, int64_t value) {
  refrt_on_system_stack((void *)(uintptr_t)type, (void *)(intptr_t)value,
                        raise_exception);
  __builtin_unreachable();
}

/* libgcc's _Unwind_Resume, looked up on the first resume. */
static void resume_exception(void *ue, void *unused) {
  static void (*resume)(struct _Unwind_Exception *);
  (void)unused;
  if (!resume)
    *(void **)&resume = dlsym(RTLD_NEXT, "_Unwind_Resume");
  if (!resume)
    refrt_fatal("_Unwind_Resume: libgcc_s's is not found after refrt's");
  resume(ue);
  refrt_fatal("_Unwind_Resume returned");
}

/* The `resume` that ends a cleanup landing pad calls this. It stands in
 * for libgcc_s's (which it calls) so that the unwinder runs on refrt's
 * system stack, as for refrt.throw: the pad may run on a split-stack
 * segment with little room left. The frames it adds have no personality,
 * so the next frame whose personality runs is still the pad's. Weak: with
 * -static-libgcc, libgcc_eh.a's own definition wins the link (bound
 * statically, so no lazy binding needs the room). */
__attribute__((weak)) void _Unwind_Resume(struct _Unwind_Exception *ue);
void _Unwind_Resume(struct _Unwind_Exception *ue) {
  refrt_on_system_stack(ue, NULL, resume_exception);
  __builtin_unreachable();
}

/* refrt.catch(exception): the value thrown; the exception is freed. */
int64_t refrt_catch(struct _Unwind_Exception *ue) __asm__("refrt.catch")
    __attribute__((noinline, used));
int64_t refrt_catch(struct _Unwind_Exception *ue) {
  int64_t value;
  if (!ue || ue->exception_class != REFRT_EXCEPTION_CLASS)
    refrt_fatal("refrt.catch: %p is not a refrt exception", (void *)ue);
  value = ((refrt_exception *)ue)->value;
  _Unwind_DeleteException(ue);
  return value;
}

/* The call site cs of the frame ctx: its landing pad, or continue. */
static _Unwind_Reason_Code land(const refrt_lsda *l, const refrt_callsite *cs,
                                _Unwind_Action actions,
                                struct _Unwind_Exception *ue,
                                struct _Unwind_Context *ctx) {
  const refrt_exception *e = (const refrt_exception *)ue;
  const unsigned char *rec;
  intptr_t filter, selector = 0;
  int cleanup = !cs->action;
  if (!cs->lp)
    return _URC_CONTINUE_UNWIND; /* the call has no landing pad */
  for (rec = cs->action ? l->cs_end + cs->action - 1 : NULL; rec;) {
    rec = refrt_lsda_action(l, rec, &filter);
    if (filter == 0) {
      cleanup = 1;
    } else if (filter > 0) {
      uintptr_t ti = refrt_lsda_type(l, filter);
      if (!ti || ti == (uintptr_t)e->type) {
        selector = filter;
        break;
      }
    } else {
      refrt_fatal("unwinding: an exception specification (filter %ld) in "
                  "the function at %p; refrt implements none",
                  (long)filter, (void *)l->func);
    }
  }
  if (actions & _UA_SEARCH_PHASE)
    return selector ? _URC_HANDLER_FOUND : _URC_CONTINUE_UNWIND;
  if (actions & _UA_HANDLER_FRAME) {
    if (!selector)
      refrt_fatal("unwinding: the handler the search found in the function "
                  "at %p is not there in the cleanup phase",
                  (void *)l->func);
  } else {
    selector = 0; /* frames below the handler only run cleanups */
    if (!cleanup)
      return _URC_CONTINUE_UNWIND;
  }
  _Unwind_SetGR(ctx, __builtin_eh_return_data_regno(0), (_Unwind_Word)ue);
  _Unwind_SetGR(ctx, __builtin_eh_return_data_regno(1),
                (_Unwind_Word)selector);
  _Unwind_SetIP(ctx, l->lpstart + cs->lp);
  return _URC_INSTALL_CONTEXT;
}

_Unwind_Reason_Code refrt_personality(int version, _Unwind_Action actions,
                                      _Unwind_Exception_Class cls,
                                      struct _Unwind_Exception *ue,
                                      struct _Unwind_Context *ctx)
    __asm__("__gccgo_personality_v0");
_Unwind_Reason_Code refrt_personality(int version, _Unwind_Action actions,
                                      _Unwind_Exception_Class cls,
                                      struct _Unwind_Exception *ue,
                                      struct _Unwind_Context *ctx) {
  const unsigned char *lsda, *p;
  refrt_lsda l;
  refrt_callsite cs;
  uintptr_t ip;
  int before = 0;
  if (version != 1)
    return _URC_FATAL_PHASE1_ERROR;
  if (cls != REFRT_EXCEPTION_CLASS)
    return _URC_CONTINUE_UNWIND; /* another language's: no Go cleanups */
  lsda = _Unwind_GetLanguageSpecificData(ctx);
  if (!lsda)
    return _URC_CONTINUE_UNWIND;
  /* The return address, minus one unless it is the faulting instruction:
   * a call that ends its function returns to the next one's entry. */
  ip = _Unwind_GetIPInfo(ctx, &before);
  if (!before)
    ip--;
  refrt_lsda_parse(lsda, _Unwind_GetRegionStart(ctx), &l);
  for (p = l.cs; p < l.cs_end;) {
    p = refrt_lsda_callsite(&l, p, &cs);
    if (ip < l.func + cs.start)
      break; /* sorted: passed it */
    if (ip < l.func + cs.start + cs.len)
      return land(&l, &cs, actions, ue, ctx);
  }
  refrt_fatal("unwinding: no call-site entry for return address %p in the "
              "LSDA of the function at %p (+%#lx)",
              (void *)(ip + !before), (void *)l.func,
              (unsigned long)(ip + !before - l.func));
}
