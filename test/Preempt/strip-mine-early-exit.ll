; RUN: opt %loadgo -passes='function(go-preempt<backedge>),function(go-verify-preempt)' -S %s | FileCheck %s
; RUN: opt %loadgo -passes='function(go-preempt<backedge>)' -S %s | opt -passes=verify -disable-output
; A byte search (bytes.IndexByte after -O2: an early exit in the header, the
; counted exit `i.next == len` at the latch, no preheader) is strip-mined in
; place: the first chunk limit is computed on the entry edge, the latch tests
; the limit, and only the chunk end compares against len and polls. The early
; exit is untouched.

target triple = "x86_64-unknown-linux-gnu"

; CHECK-LABEL: define i64 @main.indexByte(
; CHECK: entry:
; CHECK: %go.preempt.dist = sub i64 %len, 0
; CHECK: %go.preempt.lim = select i1 %go.preempt.long, i64 1000, i64 %len
; CHECK-NEXT: br i1 %empty, label %common.ret, label %loop
; CHECK: loop:
; CHECK-NEXT: %[[LIM:go.preempt.lim[0-9]+]] = phi i64 [ %{{go.preempt.lim[0-9]+}}, %go.preempt.refill.go.preempt.cont ], [ %[[LIM]], %next ], [ %go.preempt.lim, %entry ], !go.preempt.counter
; CHECK: br i1 %eq, label %common.ret, label %next
; CHECK: next:
; CHECK-NEXT: %i.next = add nuw nsw i64 %i, 1
; CHECK-NEXT: %exitcond.not = icmp eq i64 %i.next, %[[LIM]]
; CHECK-NEXT: br i1 %exitcond.not, label %go.preempt.chunk, label %loop
; CHECK: go.preempt.chunk:
; CHECK-NEXT: %go.preempt.done = icmp eq i64 %[[LIM]], %len
; CHECK-NEXT: br i1 %go.preempt.done, label %common.ret, label %go.preempt.refill
; CHECK: go.preempt.refill:
; CHECK-NEXT: load atomic i32, ptr @__go_preempt_requested monotonic
; CHECK: common.ret:
; CHECK-NEXT: phi i64 [ -1, %entry ], [ -1, %go.preempt.chunk ], [ %i, %loop ]
define i64 @main.indexByte(ptr nest %nest, ptr %p, i64 %len, i64 %cap, i8 zeroext %c) #0 {
entry:
  %empty = icmp slt i64 %len, 1
  br i1 %empty, label %common.ret, label %loop

loop:
  %i = phi i64 [ %i.next, %next ], [ 0, %entry ]
  %pi = getelementptr inbounds i8, ptr %p, i64 %i
  %b = load i8, ptr %pi, align 1
  %eq = icmp eq i8 %b, %c
  br i1 %eq, label %common.ret, label %next

next:
  %i.next = add nuw nsw i64 %i, 1
  %exitcond.not = icmp eq i64 %i.next, %len
  br i1 %exitcond.not, label %common.ret, label %loop

common.ret:
  %common.ret.op = phi i64 [ -1, %entry ], [ -1, %next ], [ %i, %loop ]
  ret i64 %common.ret.op
}

attributes #0 = { "split-stack" "frame-pointer"="none" "disable-tail-calls"="true" null_pointer_is_valid }
