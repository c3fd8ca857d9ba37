; RUN: llc -load=%gopasses -filetype=obj %s -o %t.o
; RUN: llvm-readelf -S %t.o | FileCheck %s --check-prefix=SECTIONS
; RUN: go-stackmap-dump %t.o | FileCheck %s
; RUN: llvm-readobj --stackmap %t.o | FileCheck %s --check-prefix=V3
;
; A module mixing gc "go" with another statepoint strategy: the go table
; describes only the gc "go" function (the other one's "deopt" bundle is not
; a layout and is not an error), and LLVM still writes .llvm_stackmaps for
; the records the go format does not take.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @callee(ptr)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
declare ptr addrspace(1) @llvm.experimental.gc.relocate.p1(token, i32, i32)
declare ptr @llvm.experimental.gc.relocate.p0(token, i32, i32)

; SECTIONS-DAG: .llvm_stackmaps
; SECTIONS-DAG: go_stackmap
; CHECK:      1 function(s), 1 call site(s)
; CHECK-NEXT: function go_fn at 0x{{[0-9a-f]+}} frame_size 8
; CHECK-NEXT:   ret go_fn+0x{{[0-9a-f]+}} live: sp+0{{$}}
; CHECK-NOT:  other_fn
; V3:         Num Functions: 2

define ptr addrspace(1) @other_fn(ptr addrspace(1) %a) gc "statepoint-example" {
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 1, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr null, i32 0, i32 0) ["deopt"(ptr addrspace(1) %a, i32 7), "gc-live"(ptr addrspace(1) %a)]
  %a2 = call ptr addrspace(1) @llvm.experimental.gc.relocate.p1(token %tok, i32 0, i32 0)
  ret ptr addrspace(1) %a2
}

define ptr @go_fn(ptr %a) gc "go" {
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 2, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr null, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(ptr %a)]
  %a2 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 0, i32 0)
  ret ptr %a2
}
