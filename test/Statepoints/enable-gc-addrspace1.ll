; RUN: opt %loadgo -passes=go-statepoints -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-statepoints,verify -disable-output %s
; Gollvm's -enable-gc convention: with "ni:1" in the data layout only
; addrspace(1) pointers are GC pointers; an addrspace(0) pointer live across
; the call (C memory) is not recorded.

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128-ni:1"
target triple = "x86_64-unknown-linux-gnu"

declare void @main.work(ptr nest)

define i64 @main.f(ptr nest %nest, ptr addrspace(1) %gc, ptr %c) gc "go" {
; CHECK-LABEL: @main.f(
; CHECK: [ "deopt"(i64 0), "gc-live"(ptr addrspace(1) %gc) ]
; CHECK-NEXT: call ptr addrspace(1) @llvm.experimental.gc.relocate.p1(
; CHECK-NOT: call {{.*}}gc.relocate
; CHECK: ret i64
  call void @main.work(ptr nest undef)
  %a = load i64, ptr addrspace(1) %gc
  %b = load i64, ptr %c
  %s = add i64 %a, %b
  ret i64 %s
}
