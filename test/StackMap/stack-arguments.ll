; RUN: llc -load=%gopasses %s -o - | FileCheck %s --check-prefix=ASM
; RUN: llc -load=%gopasses -filetype=obj %s -o %t.o
; RUN: go-stackmap-dump %t.o | FileCheck %s
; RUN: go-llc -gc=none -filetype=obj %s -o %t2.o
; RUN: go-stackmap-dump %t2.o | FileCheck %s
;
; A statepoint call with arguments on the stack: x86's call-frame
; optimization would push them (moving sp by 32 bytes at the call, which a
; per-function frame_size cannot describe), so the go printer turns it off
; and the arguments are stored into the reserved call frame; sp at the call
; is the function's fixed sp.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @many(i64, i64, i64, i64, i64, i64, i64, i64, i64)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
declare ptr @llvm.experimental.gc.relocate.p0(token, i32, i32)

; ASM-LABEL: f:
; ASM:       subq $40, %rsp
; ASM-NOT:   push
; ASM:       movq $9, 16(%rsp)
; ASM:       movq $8, 8(%rsp)
; ASM:       movq $7, (%rsp)
; ASM-NOT:   push
; ASM:       callq many
; CHECK:      function f at 0x0 frame_size 40
; CHECK-NEXT:   ret f+0x{{[0-9a-f]+}} live: sp+32{{$}}
define ptr @f(ptr %a) gc "go" {
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 1, i32 0, ptr elementtype(void (i64, i64, i64, i64, i64, i64, i64, i64, i64)) @many, i32 9, i32 0, i64 1, i64 2, i64 3, i64 4, i64 5, i64 6, i64 7, i64 8, i64 9, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(ptr %a)]
  %a2 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 0, i32 0)
  ret ptr %a2
}
