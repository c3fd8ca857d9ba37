; RUN: opt %loadgo -passes=go-statepoints -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-statepoints,verify -disable-output %s
; Intrinsics, gc-leaf functions, the runtime's no-collect functions (write
; barrier, typedmemmove), C variadic calls and inline asm stay plain calls.

target triple = "x86_64-unknown-linux-gnu"

declare void @runtime.gcWriteBarrier(ptr, ptr)
declare void @runtime.typedmemmove(ptr, ptr, ptr)
declare void @leaf(ptr) "gc-leaf-function"
declare i32 @printf(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define void @main.f(ptr nest %nest, ptr %p, ptr %q) gc "go" {
; CHECK-LABEL: @main.f(
; CHECK-NOT: gc.statepoint
; CHECK: call void @runtime.gcWriteBarrier(
; CHECK: call void @runtime.typedmemmove(
; CHECK: call void @leaf(
; CHECK: call i32 (ptr, ...) @printf(
; CHECK: call void @llvm.memcpy
; CHECK: call void asm
; CHECK-NOT: gc.statepoint
  call void @runtime.gcWriteBarrier(ptr %p, ptr %q)
  call void @runtime.typedmemmove(ptr null, ptr %p, ptr %q)
  call void @leaf(ptr %p)
  %n = call i32 (ptr, ...) @printf(ptr %p, ptr %q)
  call void @llvm.memcpy.p0.p0.i64(ptr %p, ptr %q, i64 8, i1 false)
  call void asm sideeffect "nop", ""()
  %v = load ptr, ptr %p
  ret void
}
