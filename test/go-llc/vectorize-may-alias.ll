; RUN: go-llc -O2 -emit-llvm %s -o - | FileCheck %s
; RUN: go-llc -O2 -emit-llvm %s -o - | opt -passes=verify -disable-output
; When the arrays may overlap (no noalias), the vector loop only runs behind
; the vectorizer's runtime overlap check (folded into the entry block), and a
; scalar loop handles the overlapping case.
target triple = "x86_64-unknown-linux-gnu"

; CHECK-LABEL: define {{.*}}@main.addSlices(
; CHECK: entry:
; CHECK: %conflict.rdx = or i1 %diff.check
; CHECK: br i1 %conflict.rdx, label %[[SCALAR:.*]], label %vector.body
; CHECK: vector.body:
; CHECK: load <4 x i32>
; CHECK: store <4 x i32>
; CHECK: [[SCALAR]]:
; CHECK: load i32
; CHECK: store i32
define void @main.addSlices(ptr nest %nest, ptr %dst, ptr %a, ptr %b) #0 {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %pa = getelementptr inbounds i32, ptr %a, i64 %i
  %pb = getelementptr inbounds i32, ptr %b, i64 %i
  %pd = getelementptr inbounds i32, ptr %dst, i64 %i
  %va = load i32, ptr %pa, align 4
  %vb = load i32, ptr %pb, align 4
  %sum = add nsw i32 %va, %vb
  store i32 %sum, ptr %pd, align 4
  %i.next = add nuw nsw i64 %i, 1
  %done = icmp eq i64 %i.next, 1024
  br i1 %done, label %exit, label %loop

exit:
  ret void
}

attributes #0 = { "split-stack" "frame-pointer"="none" "disable-tail-calls"="true" null_pointer_is_valid }
