; RUN: opt %loadgo -passes=go-statepoints -go-statepoints-budget=2 \
; RUN:   -pass-remarks-missed=go-statepoints -pass-remarks=go-statepoints \
; RUN:   -disable-output %s 2>&1 | FileCheck %s
; Every lowered function gets a remark with its safepoint and root counts;
; one above -go-statepoints-budget gets a missed-optimization remark too.

target triple = "x86_64-unknown-linux-gnu"

declare void @main.work(ptr nest)

; CHECK: remark: {{.*}}'main.f' has 2 safepoints recording 4 live roots, above the budget of 2 (-go-statepoints-budget)
; CHECK: remark: {{.*}}lowered 2 safepoints in 'main.f' with 4 live roots and 0 stack objects
define void @main.f(ptr nest %nest, ptr %p, ptr %q) gc "go" {
  call void @main.work(ptr nest undef)
  call void @main.work(ptr nest undef)
  store i64 0, ptr %p
  store i64 0, ptr %q
  ret void
}
