; RUN: opt %loadgo -passes='function(go-preempt<backedge>)' -S %s | FileCheck %s
; RUN: opt %loadgo -passes='function(go-preempt<backedge>),function(go-verify-preempt)' -S %s | opt -passes=verify -disable-output
; A linked-list walk has no computable trip count: it polls on every
; iteration, at its latch, and the loop phis follow the split latch.

target triple = "x86_64-unknown-linux-gnu"

; CHECK-LABEL: define i64 @main.listLen(
; CHECK: loop:
; CHECK-NEXT: %n = phi ptr [ %head, %entry ], [ %next, %loop.go.preempt.cont ]
; CHECK: %next = load ptr, ptr %n, align 8
; CHECK-NEXT: %done = icmp eq ptr %next, null
; CHECK-NEXT: %go.preempt.flag = load atomic i32, ptr @__go_preempt_requested monotonic, align 4
; CHECK-NEXT: %go.preempt.req = icmp ne i32 %go.preempt.flag, 0
; CHECK-NEXT: br i1 %go.preempt.req, label %go.preempt.slow, label %loop.go.preempt.cont
; CHECK: go.preempt.slow:
; CHECK-NEXT: call void @__go_preempt_slow()
; CHECK-NEXT: br label %loop.go.preempt.cont
; CHECK: loop.go.preempt.cont:
; CHECK-NEXT: br i1 %done, label %exit, label %loop
; CHECK: exit:
; CHECK-NEXT: %len = phi i64 [ %c.next, %loop.go.preempt.cont ]
define i64 @main.listLen(ptr nest %nest, ptr %head) #0 {
entry:
  br label %loop
loop:
  %n = phi ptr [ %head, %entry ], [ %next, %loop ]
  %c = phi i64 [ 0, %entry ], [ %c.next, %loop ]
  %c.next = add i64 %c, 1
  %next = load ptr, ptr %n, align 8
  %done = icmp eq ptr %next, null
  br i1 %done, label %exit, label %loop
exit:
  %len = phi i64 [ %c.next, %loop ]
  ret i64 %len
}

attributes #0 = { "split-stack" "frame-pointer"="none" "disable-tail-calls"="true" null_pointer_is_valid }
