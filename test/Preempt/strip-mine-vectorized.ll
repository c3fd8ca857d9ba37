; RUN: go-llc -O2 -preempt=entry,backedge -verify-each -emit-llvm %s -o - | FileCheck %s
; RUN: go-llc -O2 -preempt=entry,backedge -emit-llvm %s -o - -pass-remarks=go-preempt 2>&1 >/dev/null | FileCheck %s --check-prefix=REMARK
; RUN: go-llc -O2 -preempt=entry,backedge -emit-llvm %s -o - | opt -passes=verify -disable-output
; A slice sum of unknown length is vectorized by default<O2> first; go-preempt
; then strip-mines the vector loop in place: its exit test compares the index
; against a chunk limit (at most 1000 vector iterations ahead) instead of the
; end, so the hot loop has exactly the instructions it had before, and the
; flag is loaded only between chunks. The vector body keeps its vector types.

target triple = "x86_64-unknown-linux-gnu"

; CHECK-LABEL: define i64 @main.sumSlice(
; CHECK: vector.ph:
; CHECK: %go.preempt.lim = select i1 %{{.*}}, i64 4000, i64 %n.vec
; CHECK: vector.body:
; CHECK-NEXT: %[[LIM:go.preempt.lim[0-9]*]] = phi i64 [ %[[NEWLIM:go.preempt.lim[0-9]*]], %go.preempt.refill.go.preempt.cont ], [ %[[LIM]], %vector.body ], [ %go.preempt.lim, %vector.ph ], !go.preempt.counter
; CHECK-NOT: load atomic
; CHECK: load <[[VF:[0-9]+]] x i64>
; CHECK-NOT: load atomic
; CHECK: add <[[VF]] x i64>
; CHECK-NOT: load atomic
; CHECK: %index.next = add nuw i64 %index, [[STEP:[0-9]+]]
; CHECK-NEXT: %[[CMP:[0-9]+]] = icmp eq i64 %index.next, %[[LIM]]
; CHECK-NEXT: br i1 %[[CMP]], label %go.preempt.chunk, label %vector.body, !llvm.loop
; CHECK: go.preempt.chunk:
; CHECK-NEXT: %go.preempt.done = icmp eq i64 %[[LIM]], %n.vec
; CHECK-NEXT: br i1 %go.preempt.done, label %middle.block, label %go.preempt.refill
; CHECK: go.preempt.refill:
; CHECK-NEXT: load atomic i32, ptr @__go_preempt_requested monotonic
; CHECK: go.preempt.refill.go.preempt.cont:
; CHECK: %[[NEWLIM]] = select i1 %{{.*}}, i64 %go.preempt.next, i64 %n.vec
; CHECK-NEXT: br label %vector.body

; REMARK: remark: {{.*}}loop at %vector.body strip-mined into chunks of 1000 iterations: its exit test compares against the chunk limit, the poll runs between chunks; unpolled run <= 1000 iterations
define i64 @main.sumSlice(ptr nest %nest, ptr noalias %p, i64 %len) #0 {
entry:
  %empty = icmp sle i64 %len, 0
  br i1 %empty, label %exit, label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi i64 [ 0, %entry ], [ %acc.next, %loop ]
  %pi = getelementptr inbounds i64, ptr %p, i64 %i
  %v = load i64, ptr %pi, align 8
  %acc.next = add i64 %acc, %v
  %i.next = add nuw nsw i64 %i, 1
  %more = icmp slt i64 %i.next, %len
  br i1 %more, label %loop, label %exit

exit:
  %r = phi i64 [ 0, %entry ], [ %acc.next, %loop ]
  ret i64 %r
}

attributes #0 = { "split-stack" "frame-pointer"="none" "disable-tail-calls"="true" null_pointer_is_valid }
