; RUN: opt %loadgo -passes='function(go-preempt<return>)' -S %s | FileCheck %s
; RUN: opt %loadgo -passes='function(go-preempt<return>)' -S %s | opt -passes=verify -disable-output
; With `return`, every ret of a non-leaf function is preceded by a poll (the
; gc compiler's return-point check); a musttail call stays right before its
; ret, so the poll goes before the call. No entry poll was asked for.

target triple = "x86_64-unknown-linux-gnu"

; CHECK-LABEL: define i64 @main.twoReturns(
; CHECK-NEXT: entry:
; CHECK-NEXT: %r = call i64 @main.callee(
; CHECK: early:
; CHECK-NEXT: load atomic i32, ptr @__go_preempt_requested monotonic
; CHECK: early.go.preempt.cont:
; CHECK-NEXT: ret i64 0
; CHECK: late:
; CHECK-NEXT: load atomic i32, ptr @__go_preempt_requested monotonic
; CHECK: late.go.preempt.cont:
; CHECK-NEXT: ret i64 %r
define i64 @main.twoReturns(ptr nest %nest, i1 %c) #0 {
entry:
  %r = call i64 @main.callee(ptr nest undef)
  br i1 %c, label %early, label %late
early:
  ret i64 0
late:
  ret i64 %r
}

; CHECK-LABEL: define i64 @main.tail(
; CHECK: load atomic i32, ptr @__go_preempt_requested monotonic
; CHECK: entry.go.preempt.cont:
; CHECK-NEXT: %r = musttail call i64 @main.callee(ptr nest undef)
; CHECK-NEXT: ret i64 %r
define i64 @main.tail(ptr nest %nest) #0 {
entry:
  %r = musttail call i64 @main.callee(ptr nest undef)
  ret i64 %r
}

declare i64 @main.callee(ptr nest)

attributes #0 = { "split-stack" "frame-pointer"="none" null_pointer_is_valid }
