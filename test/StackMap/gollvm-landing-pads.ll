; RUN: llc -load=%gopasses -go-stackmap-format=gollvm %s -o - | FileCheck %s
; RUN: llc -load=%gopasses -go-stackmap-format=gollvm -filetype=obj %s -o %t.o
; RUN: sed 's/^  %lp2 = landingpad token catch ptr @ti catch ptr null$/  %lp2 = landingpad token filter [1 x ptr] [ptr @ti]/' %s > %t.filter.ll
; RUN: not llc -load=%gopasses -go-stackmap-format=gollvm -filetype=obj %t.filter.ll -o %t.f.o 2>&1 | FileCheck %s --check-prefix=FILTER
; RUN: sed 's/^  %lp2 = landingpad token catch ptr @ti catch ptr null$/  %lp2 = landingpad token cleanup/' %s > %t.cleanup.ll
; RUN: not llc -load=%gopasses -go-stackmap-format=gollvm -filetype=obj %t.cleanup.ll -o %t.c.o 2>&1 | FileCheck %s --check-prefix=CLEANUP
; RUN: not llc -load=%gopasses -go-stackmap-format=gollvm -filetype=obj %t.cleanup.ll -o %t.c.o 2>&1 | count 1
; RUN: not llc -load=%gopasses -go-stackmap-format=gollvm -filetype=obj %t.filter.ll -o %t.f.o 2>&1 | count 1
; RUN: not go-llc -O0 -gc=go -go-stackmap-format=gollvm -filetype=obj %S/../refrt/Inputs/progs/unwind.ll -o %t.u.o 2>&1 | FileCheck %s --check-prefix=CLEANUP-GOLLC
; RUN: sed 's/__gccgo_personality_v0/__gxx_personality_v0/g' %s > %t.gxx.ll
; RUN: not llc -load=%gopasses -go-stackmap-format=gollvm -filetype=obj %t.gxx.ll -o %t.g.o 2>&1 | FileCheck %s --check-prefix=GXX
; RUN: not llc -load=%gopasses -go-stackmap-format=gollvm -filetype=obj %t.gxx.ll -o %t.g.o 2>&1 | count 1
;
; The gollvm format writes the LSDA of a function with landing pads itself,
; as LLVM's EH emitter would, plus the stack maps: the sentinel entry, then
; in code order the statepoint outside invokes (its map), an invoke to a
; cleanup-only pad (its landing pad, action 0), then invokes to a pad that
; catches ti, then all: their clauses (ti first, as the landingpad lists
; them), split around each statepoint, whose chain starts with its map and
; goes on to those clauses. Gaps between entries are entries without a
; landing pad. The function's own type infos keep their type indices (1:
; null, 2: ti), which its selectors are compared with; the sentinel and the
; maps come after them. refrt unwinds through such LSDAs under stress
; (test/refrt/gollvm-stress.test). A statepoint whose landing pad has no
; catch clause is refused: libgo's personality treats any entry with an
; action as a handler, so a map there would stop its search at a cleanup,
; whose resume then aborts. A filter (exception specification) is refused,
; and so is a personality other than libgo's (C++'s would read the maps as
; std::type_info objects). Each refusal is the only line printed.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@ti = constant i64 7

declare void @callee(ptr)
declare void @leaf()
declare i32 @__gccgo_personality_v0(i32, i32, i64, ptr, ptr)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
declare ptr @llvm.experimental.gc.relocate.p0(token, i32, i32)

; CHECK-LABEL: with_invoke:
; CHECK:       .cfi_personality 3, __gccgo_personality_v0
; CHECK:       .cfi_lsda 3, .Lgo_lsda0
; CHECK-LABEL: .Lgo_lsda0:
; CHECK-NEXT:  .byte 255
; CHECK-NEXT:  .byte 27
; CHECK:       .Lgo_lsda_cs0:
;              the sentinel; a gap; the call outside invokes (map 4)
; CHECK-NEXT:  .byte 0
; CHECK-NEXT:  .byte 0
; CHECK-NEXT:  .byte 0
; CHECK-NEXT:  .byte 1
; CHECK-NEXT:  .byte 0
; CHECK-NEXT:  .uleb128 ((.[[R0:Ltmp[0-9]+]]-with_invoke)-1)-0
; CHECK-NEXT:  .byte 0
; CHECK-NEXT:  .byte 0
; CHECK-NEXT:  .uleb128 (.[[R0]]-with_invoke)-1
; CHECK-NEXT:  .byte 1
; CHECK-NEXT:  .byte 0
; CHECK-NEXT:  .byte 3
;              a gap; the invoke of @leaf to the cleanup
; CHECK:       .uleb128 .[[B1:Ltmp[0-9]+]]-with_invoke
; CHECK-NEXT:  .uleb128 (.[[E1:Ltmp[0-9]+]]-with_invoke)-(.[[B1]]-with_invoke)
; CHECK-NEXT:  .uleb128 .[[CPAD:Ltmp[0-9]+]]-with_invoke
; CHECK-NEXT:  .byte 0
;              the statepoint invoke to the catch: its clauses (offset 10),
;              its map 5 then the clauses (offset 12), its clauses
; CHECK:       .uleb128 .[[B2:Ltmp[0-9]+]]-with_invoke
; CHECK-NEXT:  .uleb128 ((.[[R1:Ltmp[0-9]+]]-with_invoke)-1)-(.[[B2]]-with_invoke)
; CHECK-NEXT:  .uleb128 .[[CATCH:Ltmp[0-9]+]]-with_invoke
; CHECK-NEXT:  .byte 11
; CHECK:       .uleb128 (.[[R1]]-with_invoke)-1
; CHECK-NEXT:  .byte 1
; CHECK-NEXT:  .uleb128 .[[CATCH]]-with_invoke
; CHECK-NEXT:  .byte 13
; CHECK:       .uleb128 .[[R1]]-with_invoke
; CHECK-NEXT:  .uleb128
; CHECK-NEXT:  .uleb128 .[[CATCH]]-with_invoke
; CHECK-NEXT:  .byte 11
;              the invoke of @leaf to the catch
; CHECK:       .uleb128 .[[CATCH]]-with_invoke
; CHECK-NEXT:  .byte 11
;              the second statepoint invoke: map 6 then the clauses (offset 14)
; CHECK:       .uleb128 .[[CATCH]]-with_invoke
; CHECK-NEXT:  .byte 11
; CHECK:       .uleb128 (.[[R2:Ltmp[0-9]+]]-with_invoke)-1
; CHECK-NEXT:  .byte 1
; CHECK-NEXT:  .uleb128 .[[CATCH]]-with_invoke
; CHECK-NEXT:  .byte 15
; CHECK:       .uleb128 .[[CATCH]]-with_invoke
; CHECK-NEXT:  .byte 11
;              the gap to the end
; CHECK:       .uleb128 (.Lfunc_end0-with_invoke)-
; CHECK-NEXT:  .byte 0
; CHECK-NEXT:  .byte 0
; CHECK-NEXT:  .Lgo_lsda_cs_end0:
;              actions: sentinel, the three maps, catch all, ti -> catch
;              all, map 5 -> ti, map 6 -> ti
; CHECK-NEXT:  .byte 3
; CHECK-NEXT:  .byte 0
; CHECK-NEXT:  .byte 4
; CHECK-NEXT:  .byte 0
; CHECK-NEXT:  .byte 5
; CHECK-NEXT:  .byte 0
; CHECK-NEXT:  .byte 6
; CHECK-NEXT:  .byte 0
; CHECK-NEXT:  .byte 1
; CHECK-NEXT:  .byte 0
; CHECK-NEXT:  .byte 2
; CHECK-NEXT:  .byte 125
; CHECK-NEXT:  .byte 5
; CHECK-NEXT:  .byte 125
; CHECK-NEXT:  .byte 6
; CHECK-NEXT:  .byte 123
;              types 6 .. 1: maps, sentinel, ti, catch all
; CHECK:       .long .Lgo_lsda_map2-
; CHECK:       .long .Lgo_lsda_map1-
; CHECK:       .long .Lgo_lsda_map0-
; CHECK:       .long .Lgo_lsda_sentinel0-
; CHECK:       .long ti-
; CHECK-NEXT:  .Ltmp{{[0-9]+}}:
; CHECK-NEXT:  .long 0
; CHECK-NEXT:  .Lgo_lsda_ttbase0:

; FILTER: error: go_stackmap: function 'with_invoke': a landing pad with a filter (an exception specification) has no place in the gollvm format{{$}}
; CLEANUP: error: go_stackmap: function 'with_invoke': a call that can collect unwinds to a landing pad without a catch clause (a cleanup), where the gollvm format has no place for its stack map (use -go-stackmap-format=go){{$}}
; GXX: error: go_stackmap: function 'with_invoke': landing pads with personality '__gxx_personality_v0': the gollvm format puts stack maps where its type infos go; only __gccgo_personality_v0 ignores them (use -go-stackmap-format=go){{$}}
; CLEANUP-GOLLC: go-llc: error: {{.*}}unwind.ll: go_stackmap: function 'main.unwinder': a call that can collect unwinds to a landing pad without a catch clause (a cleanup)
define ptr @with_invoke(ptr %a, ptr %b) gc "go" personality ptr @__gccgo_personality_v0 {
entry:
  %t0 = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 1, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr null, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(ptr %a)]
  %a0 = call ptr @llvm.experimental.gc.relocate.p0(token %t0, i32 0, i32 0)
  invoke void @leaf() to label %n1 unwind label %cleanup

n1:
  %t1 = invoke token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 2, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr null, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(ptr %a0, ptr %b)]
          to label %n1b unwind label %catch

n1b:
  %a1 = call ptr @llvm.experimental.gc.relocate.p0(token %t1, i32 0, i32 0)
  %b1 = call ptr @llvm.experimental.gc.relocate.p0(token %t1, i32 1, i32 1)
  invoke void @leaf() to label %n2 unwind label %catch

n2:
  %t2 = invoke token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 3, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr null, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(ptr %b1)]
          to label %n3 unwind label %catch

n3:
  %b3 = call ptr @llvm.experimental.gc.relocate.p0(token %t2, i32 0, i32 0)
  ret ptr %b3

cleanup:
  %lp = landingpad token cleanup
  ret ptr %a0

catch:
  %lp2 = landingpad token catch ptr @ti catch ptr null
  ret ptr null
}
