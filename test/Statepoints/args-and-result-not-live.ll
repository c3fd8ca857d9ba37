; RUN: opt %loadgo -passes=go-statepoints -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-statepoints,verify -disable-output %s
; Values used only as arguments of the call, and the call's own result, are
; not live at it: the statepoint has an empty "gc-live" bundle and the
; result comes from gc.result.

target triple = "x86_64-unknown-linux-gnu"

declare ptr @main.next(ptr nest, ptr)

define ptr @main.f(ptr nest %nest, ptr %p) gc "go" {
; CHECK-LABEL: @main.f(
; CHECK: call token {{.*}} @llvm.experimental.gc.statepoint.p0({{.*}} @main.next, i32 2, i32 0, ptr nest undef, ptr %p, i32 0, i32 0) [ "deopt"(i64 0) ]
; CHECK-NEXT: %q = call ptr @llvm.experimental.gc.result.p0(token
; CHECK-NOT: gc.relocate
; CHECK: ret ptr %q
  %q = call ptr @main.next(ptr nest undef, ptr %p)
  ret ptr %q
}
