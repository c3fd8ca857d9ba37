; RUN: opt %loadgo -passes='function(go-preempt<entry>)' -S %s | FileCheck %s
; RUN: opt %loadgo -passes='function(go-preempt<entry>)' -S %s | opt -passes=verify -disable-output
; Functions marked "go-nosplit" (no stack check, hence no entry check in Go)
; or "go-nopreempt" get no entry poll even though they call out.

target triple = "x86_64-unknown-linux-gnu"

; CHECK-LABEL: define void @main.nosplit(
; CHECK-NEXT: entry:
; CHECK-NEXT: call void @main.callee(
define void @main.nosplit(ptr nest %nest) #0 {
entry:
  call void @main.callee(ptr nest undef)
  ret void
}

; CHECK-LABEL: define void @main.nopreempt(
; CHECK-NEXT: entry:
; CHECK-NEXT: call void @main.callee(
define void @main.nopreempt(ptr nest %nest) #1 {
entry:
  call void @main.callee(ptr nest undef)
  ret void
}

; CHECK-NOT: @__go_preempt_slow
declare void @main.callee(ptr nest)

attributes #0 = { "split-stack" "go-nosplit" null_pointer_is_valid }
attributes #1 = { "split-stack" "go-nopreempt" null_pointer_is_valid }
