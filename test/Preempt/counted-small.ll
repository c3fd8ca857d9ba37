; RUN: opt %loadgo -passes='function(go-preempt<backedge>),function(go-verify-preempt)' -S %s | FileCheck %s
; RUN: opt %loadgo -passes='function(go-preempt<backedge>)' -go-preempt-max-unpolled-iters=64 -S %s | FileCheck %s --check-prefix=LOWER
; A counted loop whose maximum trip count (SCEV) is below
; -go-preempt-max-unpolled-iters (default 1000) gets no poll; with a lower
; limit the same loop is strip-mined.

target triple = "x86_64-unknown-linux-gnu"

; CHECK-LABEL: define i64 @main.sum100(
; CHECK-NOT: go.preempt
; CHECK: ret i64
; LOWER-LABEL: define i64 @main.sum100(
; LOWER: %go.preempt.ctr = phi i64
; LOWER: add i64 %go.preempt.ctr, -1, !go.preempt.counter
define i64 @main.sum100(ptr nest %nest, ptr %a) #0 {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %s = phi i64 [ 0, %entry ], [ %s.next, %loop ]
  %pa = getelementptr inbounds i64, ptr %a, i64 %i
  %v = load i64, ptr %pa, align 8
  %s.next = add i64 %s, %v
  %i.next = add nuw nsw i64 %i, 1
  %more = icmp ult i64 %i.next, 100
  br i1 %more, label %loop, label %exit
exit:
  ret i64 %s.next
}

attributes #0 = { "split-stack" "frame-pointer"="none" "disable-tail-calls"="true" null_pointer_is_valid }
