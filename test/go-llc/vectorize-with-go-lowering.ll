; RUN: go-llc -O2 -gc=go -preempt=entry,backedge -emit-llvm %s -o - | FileCheck %s
; RUN: go-llc -O2 -gc=go -preempt=entry,backedge -emit-llvm %s -o - | opt %loadgo -passes=verify -disable-output
; With the Go GC lowering and preemption checks at entry and loop back edges,
; the noalias loop of vectorize-noalias.ll stays vectorized: polls go in after
; the optimizer, and the vector loop keeps its vector body.
; Go pointers are in addrspace(1) (go-gc-addrspace), and the loop is
; vectorized on them as on addrspace(0).
target triple = "x86_64-unknown-linux-gnu"

; CHECK-LABEL: define {{.*}}@main.addVectors({{.*}} gc "go" {
; CHECK: vector.body:
; CHECK: load <4 x i32>, ptr addrspace(1) %{{.*}}, align 16
; CHECK: add nsw <4 x i32>
; CHECK: store <4 x i32> %{{.*}}, ptr addrspace(1) %{{.*}}, align 16
define void @main.addVectors(ptr nest %nest, ptr noalias align 16 %dst, ptr noalias align 16 %a, ptr noalias align 16 %b) #0 {
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
