; RUN: not llc -load=%gopasses -go-stackmap-format=gollvm -filetype=obj %s -o %t.o 2>&1 | FileCheck %s
; RUN: not go-llc -O0 -gc=none -go-stackmap-format=gollvm -filetype=obj %s -o %t.o 2>&1 | FileCheck %s --check-prefix=GOLLC
; RUN: not llc -load=%gopasses -go-stackmap-format=gollvm -filetype=obj %s -o %t.o 2>&1 | count 1
; RUN: llc -load=%gopasses -filetype=obj %s -o %t.go.o
;
; The gollvm format writes the LSDA of a function itself, so it cannot
; serve a function whose LSDA LLVM's EH emitter writes from its landing
; pads: such a function is refused with one line naming it (the go format
; describes it). The function without landing pads is no problem.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @callee(ptr)
declare i32 @__gccgo_personality_v0(i32, i32, i64, ptr, ptr)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
declare ptr @llvm.experimental.gc.relocate.p0(token, i32, i32)

; CHECK: error: go_stackmap: function 'with_invoke': has landing pads (invoke); the gollvm format supports only functions without them (use -go-stackmap-format=go){{$}}
; GOLLC: go-llc: error: {{.*}}gollvm-landing-pads.ll: go_stackmap: function 'with_invoke': has landing pads (invoke)
define ptr @with_invoke(ptr %a) gc "go" personality ptr @__gccgo_personality_v0 {
entry:
  %tok = invoke token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 1, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr null, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(ptr %a)]
          to label %normal unwind label %unwind

normal:
  %a1 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 0, i32 0)
  ret ptr %a1

unwind:
  %lp = landingpad token cleanup
  %a2 = call ptr @llvm.experimental.gc.relocate.p0(token %lp, i32 0, i32 0)
  ret ptr %a2
}

define ptr @plain(ptr %a) gc "go" {
entry:
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 2, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr null, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(ptr %a)]
  %a1 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 0, i32 0)
  ret ptr %a1
}
