; RUN: opt %loadgo -passes=go-statepoints -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-statepoints,verify -disable-output %s
; Irreducible control flow (two entries into one cycle): liveness is a plain
; dataflow fixpoint, so both calls on the cycle record the pointer.

target triple = "x86_64-unknown-linux-gnu"

declare void @main.work(ptr nest)

define void @main.f(ptr nest %nest, ptr %p, i1 %c) gc "go" {
; CHECK-LABEL: @main.f(
; CHECK: a:
; CHECK: @main.work, {{.*}} "gc-live"(ptr
; CHECK: b:
; CHECK: @main.work, {{.*}} "gc-live"(ptr
entry:
  br i1 %c, label %a, label %b
a:
  call void @main.work(ptr nest undef)
  store i64 1, ptr %p
  br i1 %c, label %b, label %exit
b:
  call void @main.work(ptr nest undef)
  store i64 2, ptr %p
  br i1 %c, label %a, label %exit
exit:
  ret void
}
