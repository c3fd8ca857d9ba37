; RUN: opt %loadgo -passes=go-statepoints -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-statepoints,verify -disable-output %s
; A Go string ({ptr, i64}) live across a call: its pointer field is
; extracted, recorded and relocated, and the aggregate rebuilt from the
; relocated field is what later code uses. Upstream RS4GC drops such
; aggregates silently.

target triple = "x86_64-unknown-linux-gnu"

declare void @main.work(ptr nest)
declare void @main.use(ptr nest, { ptr, i64 })

define void @main.f(ptr nest %nest, { ptr, i64 } %s) gc "go" {
; CHECK-LABEL: @main.f(
; CHECK: %[[F:.*]] = extractvalue { ptr, i64 } %s, 0
; CHECK-NEXT: call token {{.*}} @main.work, {{.*}} [ "deopt"(i64 0), "gc-live"(ptr %[[F]]) ]
; CHECK-NEXT: %[[R:.*]] = call ptr @llvm.experimental.gc.relocate.p0(
; CHECK-NEXT: %[[S:.*]] = insertvalue { ptr, i64 } %s, ptr %[[R]], 0
; CHECK: @main.use, {{.*}}, { ptr, i64 } %[[S]],
  call void @main.work(ptr nest undef)
  call void @main.use(ptr nest undef, { ptr, i64 } %s)
  ret void
}
