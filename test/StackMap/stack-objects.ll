; RUN: llc -load=%gopasses -filetype=obj %s -o %t.o
; RUN: go-stackmap-dump %t.o | FileCheck %s
; RUN: llc -load=%gopasses %s -o - | FileCheck %s --check-prefix=ASM
; RUN: go-llc -O0 -gc=none -filetype=obj %s -o %t0.o
; RUN: go-stackmap-dump %t0.o | FileCheck %s --check-prefix=O0
;
; A stack object in "gc-live" (a Direct location) contributes exactly the
; words its layout in the "deopt" bundle marks: {ptr, i64, ptr} at sp+24 is
; live at sp+24 and sp+40, not sp+32. A 41-word object with its only pointer
; in word 40 has a bitmap constant that does not fit in 32 bits (StackMaps
; keeps it in its private constant pool; the printer reads it from the IR).

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @callee(ptr)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
declare ptr @llvm.experimental.gc.relocate.p0(token, i32, i32)

; The frame counts the pushed %rbx: 8 + 48 bytes.
; CHECK:      function struct_object at 0x0 frame_size 56
; CHECK-NEXT:   ret struct_object+0x34 live: sp+8 sp+16 sp+24 sp+40{{$}}
; ASM-LABEL: struct_object:
; ASM:       pushq %rbx
; ASM:       subq $48, %rsp
; ASM-DAG:   movq %rsi, 16(%rsp)
; ASM-DAG:   movq %rdi, 8(%rsp)
; ASM:       leaq 24(%rsp), %rdi
; ASM-NEXT:  callq callee
; O0:       function struct_object at 0x0 frame_size 56
; O0-NEXT:    ret struct_object+0x33 live: sp+16 sp+24 sp+32 sp+48{{$}}
define void @struct_object(ptr %a, ptr %b) gc "go" {
entry:
  %obj = alloca { ptr, i64, ptr }, align 8
  store { ptr, i64, ptr } zeroinitializer, ptr %obj
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 1, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr %obj, i32 0, i32 0) ["deopt"(i64 1, ptr %obj, i64 3, i64 5), "gc-live"(ptr %a, ptr %b)]
  %a2 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 0, i32 0)
  %b2 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 1, i32 1)
  call void @callee(ptr %a2)
  call void @callee(ptr %b2)
  ret void
}

; CHECK:      function big_object at 0x60 frame_size 328
; CHECK-NEXT:   ret big_object+0x1d2 live: sp+320{{$}}
; ASM-LABEL: big_object:
; ASM:       subq $328, %rsp
; ASM:       movq %rdi, 320(%rsp)
; ASM-NEXT:  movq %rsp, %rdi
; ASM-NEXT:  callq callee
; O0:       function big_object at 0x60 frame_size 328
; O0-NEXT:    ret big_object+0x1d2 live: sp+320{{$}}
define void @big_object(ptr %p) gc "go" {
entry:
  %obj = alloca { [40 x i64], ptr }, align 8
  store { [40 x i64], ptr } zeroinitializer, ptr %obj
  %f = getelementptr { [40 x i64], ptr }, ptr %obj, i32 0, i32 1
  store ptr %p, ptr %f
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 2, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr %obj, i32 0, i32 0) ["deopt"(i64 1, ptr %obj, i64 41, i64 1099511627776)]
  ret void
}
