; RUN: not llc -load=%gopasses -go-stackmap-format=gollvm -exception-model=sjlj -filetype=obj %s -o %t.o 2>&1 | FileCheck %s
; RUN: not llc -load=%gopasses -go-stackmap-format=gollvm -exception-model=sjlj -filetype=obj %s -o %t.o 2>&1 | count 1
; RUN: llc -load=%gopasses -go-stackmap-format=gollvm -filetype=obj %s -o %t.o
;
; The gollvm format reaches a function's LSDA only through its FDE in
; .eh_frame; without DWARF CFI for exceptions (SjLj here) there is none,
; and the function is refused with one line naming it.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @callee(ptr)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
declare ptr @llvm.experimental.gc.relocate.p0(token, i32, i32)

; CHECK: error: go_stackmap: function 'one_call': has no .eh_frame entry; the gollvm format reaches the LSDA only through one{{$}}
define ptr @one_call(ptr %a) gc "go" {
entry:
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 1, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr null, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(ptr %a)]
  %a1 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 0, i32 0)
  ret ptr %a1
}
