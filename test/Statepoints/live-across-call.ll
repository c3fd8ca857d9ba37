; RUN: opt %loadgo -passes=go-statepoints -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-statepoints,verify -disable-output %s
; A pointer used after a call is live across it: it is in "gc-live", gets a
; gc.relocate, and the use after the call reads the relocated value.

target triple = "x86_64-unknown-linux-gnu"

declare void @main.work(ptr nest)

define i64 @main.f(ptr nest %nest, ptr %p) gc "go" {
; CHECK-LABEL: @main.f(
; CHECK: %{{.*}} = call token {{.*}} @llvm.experimental.gc.statepoint.p0(i64 {{[0-9]+}}, i32 0, ptr elementtype(void (ptr)) @main.work, i32 1, i32 0, ptr nest undef, i32 0, i32 0) [ "deopt"(i64 0), "gc-live"(ptr %p) ]
; CHECK-NEXT: %[[R:.*]] = call ptr @llvm.experimental.gc.relocate.p0(token %{{.*}}, i32 0, i32 0)
; CHECK-NEXT: %v = load i64, ptr %[[R]]
  call void @main.work(ptr nest undef)
  %v = load i64, ptr %p
  ret i64 %v
}
