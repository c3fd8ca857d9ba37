; RUN: opt %loadgo -passes=go-statepoints -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-statepoints,verify -disable-output %s
; Pointers into the stack (into an alloca) and to globals are never SSA
; roots: the collector neither needs nor wants them. The alloca itself holds
; no pointers, so it is no stack object either.

target triple = "x86_64-unknown-linux-gnu"

@g = global i64 0
declare void @main.work(ptr nest)

define i64 @main.f(ptr nest %nest) gc "go" {
; CHECK-LABEL: @main.f(
; CHECK: @main.work, {{.*}} [ "deopt"(i64 0) ]
; CHECK-NOT: gc.relocate
  %a = alloca [4 x i64]
  %p = getelementptr [4 x i64], ptr %a, i64 0, i64 2
  %q = getelementptr i64, ptr @g, i64 0
  store i64 1, ptr %p
  call void @main.work(ptr nest undef)
  %x = load i64, ptr %p
  %y = load i64, ptr %q
  %s = add i64 %x, %y
  ret i64 %s
}
