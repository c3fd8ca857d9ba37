; RUN: llc -load=%gopasses -filetype=obj %s -o %t.o
; RUN: go-stackmap-dump %t.o | FileCheck %s
; RUN: llc -load=%gopasses -go-stackmap-format=llvm -filetype=obj %s -o %t.llvm.o
; RUN: llvm-readobj --stackmap %t.llvm.o | FileCheck %s --check-prefix=V3
; RUN: go-stackmap-dump --llvm %t.llvm.o | FileCheck %s
; RUN: llc -load=%gopasses %s -o - | FileCheck %s --check-prefix=ASM
;
; A gc-live SSA value that lowers to a frame index (a byval pointer
; argument) is listed by LLVM 19 both as a (base, derived) pair and again
; among the trailing Direct "gc allocas", and the stack object passed to the
; call is listed there twice too. With the stack object carried in the
; "deopt" bundle as `ptr %obj` (one Direct location, then its layout), the
; printer never has to guess which trailing location is the object: the
; layout {ptr, i64, ptr} applies to %obj's slot (sp+8: words sp+8 and
; sp+24), the spilled %a is sp+0, and the Direct locations of %s (sp+48, a
; stack address) mark nothing.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @callee(ptr)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
declare ptr @llvm.experimental.gc.relocate.p0(token, i32, i32)

; CHECK:      function byval_live at 0x0 frame_size 40 code_size 0x{{[0-9a-f]+}}
; CHECK-NEXT:   ret byval_live+0x2e live: sp+0 sp+8 sp+24{{$}}

; V3:      Record ID: 1, instruction offset: 46
; V3-NEXT:   14 locations:
; V3-NEXT:     #1: Constant 0, size: 8
; V3-NEXT:     #2: Constant 0, size: 8
; V3-NEXT:     #3: Constant 4, size: 8
; V3-NEXT:     #4: Constant 1, size: 8
; V3-NEXT:     #5: Direct R#7 + 8, size: 8
; V3-NEXT:     #6: Constant 3, size: 8
; V3-NEXT:     #7: Constant 5, size: 8
; V3-NEXT:     #8: Indirect [R#7 + 0], size: 8
; V3-NEXT:     #9: Indirect [R#7 + 0], size: 8
; V3-NEXT:     #10: Direct R#7 + 48, size: 8
; V3-NEXT:     #11: Direct R#7 + 48, size: 8
; V3-NEXT:     #12: Direct R#7 + 8, size: 8
; V3-NEXT:     #13: Direct R#7 + 8, size: 8
; V3-NEXT:     #14: Direct R#7 + 48, size: 8

; ASM-LABEL: byval_live:
; ASM:       subq $32, %rsp
; ASM:       movq %rdi, (%rsp)
; ASM-NEXT:  leaq 8(%rsp), %rdi
; ASM-NEXT:  callq callee
; ASM:       leaq 48(%rsp), %rdi
define void @byval_live(ptr byval({ ptr, ptr }) align 8 %s, ptr %a) gc "go" {
entry:
  %obj = alloca { ptr, i64, ptr }, align 8
  store { ptr, i64, ptr } zeroinitializer, ptr %obj
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 1, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr %obj, i32 0, i32 0) ["deopt"(i64 1, ptr %obj, i64 3, i64 5), "gc-live"(ptr %s, ptr %a)]
  %s2 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 0, i32 0)
  %a2 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 1, i32 1)
  call void @callee(ptr %s2)
  call void @callee(ptr %a2)
  ret void
}
