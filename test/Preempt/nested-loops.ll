; RUN: opt %loadgo -passes='function(go-preempt<backedge>),function(go-verify-preempt)' -pass-remarks=go-preempt -S %s -o %t.ll 2>&1 | FileCheck %s --check-prefix=REMARK
; RUN: FileCheck %s < %t.ll
; RUN: opt -passes=verify -disable-output %t.ll
; Nested loops: an inner loop with a large trip count is strip-mined and its
; outer loop polls once per iteration (a counter there would multiply the
; inner chunks). An inner loop of 8 iterations needs no poll; its outer loop
; is strip-mined with the chunk divided by 8, so at most 1000 inner
; iterations run unpolled.

target triple = "x86_64-unknown-linux-gnu"

; REMARK: poll placed on the back edge of loop at %outer (inner loops poll); unpolled run <= 1 iterations
; REMARK: loop at %inner strip-mined with a down-counter: poll once per 1000 iterations, none in the hot path; unpolled run <= 1000 iterations
; REMARK: loop at %outer strip-mined with a down-counter: poll once per 125 iterations, none in the hot path; unpolled run <= 1000 iterations
; REMARK: no poll in loop at %inner: at most 8 iterations, below the limit of 1000; unpolled run <= 8 iterations

; CHECK-LABEL: define void @main.clearRows(
; CHECK: outer:
; CHECK-NOT: go.preempt.ctr
; CHECK: inner:
; CHECK-NEXT: %go.preempt.ctr = phi i64
; CHECK: outer.latch:
; CHECK: load atomic i32, ptr @__go_preempt_requested monotonic
define void @main.clearRows(ptr nest %nest, ptr %m, i64 %rows, i64 %cols) #0 {
entry:
  %r0 = icmp sgt i64 %rows, 0
  %c0 = icmp sgt i64 %cols, 0
  %both = and i1 %r0, %c0
  br i1 %both, label %outer, label %exit
outer:
  %r = phi i64 [ 0, %entry ], [ %r.next, %outer.latch ]
  %row = mul i64 %r, %cols
  br label %inner
inner:
  %c = phi i64 [ 0, %outer ], [ %c.next, %inner ]
  %idx = add i64 %row, %c
  %p = getelementptr inbounds i64, ptr %m, i64 %idx
  store i64 0, ptr %p, align 8
  %c.next = add nuw nsw i64 %c, 1
  %c.more = icmp slt i64 %c.next, %cols
  br i1 %c.more, label %inner, label %outer.latch
outer.latch:
  %r.next = add nuw nsw i64 %r, 1
  %r.more = icmp slt i64 %r.next, %rows
  br i1 %r.more, label %outer, label %exit
exit:
  ret void
}

; CHECK-LABEL: define void @main.clear8(
; CHECK: outer:
; CHECK-NEXT: %go.preempt.ctr = phi i64 [ %go.preempt.ctr.next, %outer.latch.go.preempt.cont ], [ 125, %entry ]
; CHECK: inner:
; CHECK-NOT: go.preempt
; CHECK: outer.latch:
; CHECK: add i64 %go.preempt.ctr, -1, !go.preempt.counter
define void @main.clear8(ptr nest %nest, ptr %m, i64 %rows) #0 {
entry:
  %r0 = icmp sgt i64 %rows, 0
  br i1 %r0, label %outer, label %exit
outer:
  %r = phi i64 [ 0, %entry ], [ %r.next, %outer.latch ]
  %row = mul i64 %r, 8
  br label %inner
inner:
  %c = phi i64 [ 0, %outer ], [ %c.next, %inner ]
  %idx = add i64 %row, %c
  %p = getelementptr inbounds i64, ptr %m, i64 %idx
  store i64 0, ptr %p, align 8
  %c.next = add nuw nsw i64 %c, 1
  %c.more = icmp ult i64 %c.next, 8
  br i1 %c.more, label %inner, label %outer.latch
outer.latch:
  %r.next = add nuw nsw i64 %r, 1
  %r.more = icmp slt i64 %r.next, %rows
  br i1 %r.more, label %outer, label %exit
exit:
  ret void
}

attributes #0 = { "split-stack" "frame-pointer"="none" "disable-tail-calls"="true" null_pointer_is_valid }
