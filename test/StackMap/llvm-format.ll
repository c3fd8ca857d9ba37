; RUN: llc -load=%gopasses -filetype=obj -go-stackmap-format=llvm %s -o %t.llvm.o
; RUN: llvm-readelf -S %t.llvm.o | FileCheck %s --check-prefix=LLVM
; RUN: llvm-readobj --stackmap %t.llvm.o | FileCheck %s --check-prefix=V3
; RUN: go-llc -O0 -gc=none -go-stackmap-format=llvm -filetype=obj %s -o %t.gollc.o
; RUN: llvm-readelf -S %t.gollc.o | FileCheck %s --check-prefix=LLVM
; RUN: llc -load=%gopasses -filetype=obj %s -o %t.go.o
; RUN: llvm-readelf -S %t.go.o | FileCheck %s --check-prefix=GO
; RUN: not go-stackmap-dump %t.llvm.o 2>&1 | FileCheck %s --check-prefix=NOSEC -DFILE=%t.llvm.o
;
; -go-stackmap-format=llvm leaves LLVM's standard .llvm_stackmaps v3 section
; (with the layout constants and the stack object as a Direct location) and
; writes no go_stackmap; the default writes go_stackmap and no
; .llvm_stackmaps.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @callee(ptr)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
declare ptr @llvm.experimental.gc.relocate.p0(token, i32, i32)

; LLVM:     .llvm_stackmaps
; LLVM-NOT: go_stackmap
; GO:       go_stackmap
; GO-NOT:   .llvm_stackmaps
; NOSEC:    go-stackmap-dump: error: [[FILE]]: no go_stackmap section

; V3:      Record ID: 7, instruction offset:
; CC, flags, NumDeopt = 4, the deopt operands (NumObjects, the alloca as
; a Direct location, SizeInWords, the bitmap), the relocated pair of %a;
; LLVM 19 then lists the alloca (a frame index) twice more as "gc allocas",
; which the printer ignores (a Direct gc-live location is a stack address).
; V3-NEXT:   11 locations:
; V3-NEXT:     #1: Constant 0, size: 8
; V3-NEXT:     #2: Constant 0, size: 8
; V3-NEXT:     #3: Constant 4, size: 8
; V3-NEXT:     #4: Constant 1, size: 8
; V3-NEXT:     #5: Direct R#7 + [[OBJ:[0-9]+]], size: 8
; V3-NEXT:     #6: Constant 3, size: 8
; V3-NEXT:     #7: Constant 5, size: 8
; V3-NEXT:     #8: Indirect [R#7 + {{[0-9]+}}], size: 8
; V3-NEXT:     #9: Indirect [R#7 + {{[0-9]+}}], size: 8
; V3-NEXT:     #10: Direct R#7 + [[OBJ]], size: 8
; V3-NEXT:     #11: Direct R#7 + [[OBJ]], size: 8
define ptr @f(ptr %a) gc "go" {
entry:
  %obj = alloca { ptr, i64, ptr }, align 8
  store { ptr, i64, ptr } zeroinitializer, ptr %obj
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 7, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr %obj, i32 0, i32 0) ["deopt"(i64 1, ptr %obj, i64 3, i64 5), "gc-live"(ptr %a)]
  %a2 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 0, i32 0)
  ret ptr %a2
}
