; RUN: llc -load=%gopasses -filetype=obj %s -o %t.o
; RUN: go-stackmap-dump %t.o | FileCheck %s
; RUN: llc -load=%gopasses %s -o - | FileCheck %s --check-prefix=ASM
;
; With a frame pointer the frame size still runs from sp to the return
; address, so it counts the pushed %rbp (8 + 48 = 56), and the live words
; are sp-relative: -40(%rbp) is sp+8 because %rbp = sp + 48.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @callee(ptr)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
declare ptr @llvm.experimental.gc.relocate.p0(token, i32, i32)

; CHECK:      function with_fp at 0x0 frame_size 56
; CHECK-NEXT:   ret with_fp+0x{{[0-9a-f]+}} live: sp+8 sp+24 sp+32 sp+40{{$}}
; CHECK-NEXT:   ret with_fp+0x{{[0-9a-f]+}} live: sp+40{{$}}
; ASM-LABEL: with_fp:
; ASM:       pushq %rbp
; ASM:       movq %rsp, %rbp
; ASM:       subq $48, %rsp
; ASM-DAG:   movq %rsi, -8(%rbp)
; ASM-DAG:   movq %rdi, -16(%rbp)
; ASM:       leaq -40(%rbp), %rdi
; ASM-NEXT:  callq callee
define ptr @with_fp(ptr %a, ptr %b) "frame-pointer"="all" gc "go" {
entry:
  %obj = alloca { ptr, i64, ptr }, align 8
  store { ptr, i64, ptr } zeroinitializer, ptr %obj
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 1, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr %obj, i32 0, i32 0) ["deopt"(i64 1, ptr %obj, i64 3, i64 5), "gc-live"(ptr %a, ptr %b)]
  %a2 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 0, i32 0)
  %b2 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 1, i32 1)
  %tok2 = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 2, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr %a2, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(ptr %b2)]
  %b3 = call ptr @llvm.experimental.gc.relocate.p0(token %tok2, i32 0, i32 0)
  ret ptr %b3
}
