; RUN: go-llc -O2 -preempt=entry,backedge -verify-each -emit-llvm %s -o - | FileCheck %s
; RUN: go-llc -O2 -preempt=entry,backedge -emit-llvm %s -o - -pass-remarks=go-preempt 2>&1 >/dev/null | FileCheck %s --check-prefix=REMARK
; RUN: go-llc -O2 -preempt=entry,backedge -emit-llvm %s -o - | opt -passes=verify -disable-output
; A slice sum of unknown length is vectorized by default<O2> first; go-preempt
; then strip-mines the vector loop: its hot path only counts down a register
; and the flag is loaded once per chunk of 1000 vector iterations, in a block
; of its own. The vector body keeps its vector types.

target triple = "x86_64-unknown-linux-gnu"

; CHECK-LABEL: define i64 @main.sumSlice(
; CHECK: vector.body:
; CHECK-NEXT: %go.preempt.ctr = phi i64 [ %go.preempt.ctr.next, %vector.body.go.preempt.cont ], [ 1000, %vector.ph ]
; CHECK-NOT: load atomic
; CHECK: load <[[VF:[0-9]+]] x i64>
; CHECK-NOT: load atomic
; CHECK: add <[[VF]] x i64>
; CHECK-NOT: load atomic
; CHECK: %go.preempt.ctr.dec = add i64 %go.preempt.ctr, -1, !go.preempt.counter
; CHECK-NEXT: %go.preempt.ctr.zero = icmp eq i64 %go.preempt.ctr.dec, 0
; CHECK-NEXT: br i1 %go.preempt.ctr.zero, label %go.preempt.chunk, label %vector.body.go.preempt.cont
; CHECK: go.preempt.chunk:
; CHECK-NEXT: load atomic i32, ptr @__go_preempt_requested monotonic
; CHECK: vector.body.go.preempt.cont:
; CHECK-NEXT: %go.preempt.ctr.next = phi i64 [ %go.preempt.ctr.dec, %vector.body ], [ 1000, %go.preempt.chunk.go.preempt.cont ]
; CHECK-NEXT: br i1 %{{.*}}, label %middle.block, label %vector.body, !llvm.loop

; REMARK: remark: {{.*}}loop at %vector.body strip-mined: poll once per 1000 iterations (chunk), none in the hot path; unpolled run <= 1000 iterations
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
