; RUN: opt %loadgo -passes=go-statepoints -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-statepoints,verify -disable-output %s
; A pointer carried around a loop through a phi, with an allocation in the
; loop: the phi is live across the call, and the relocated value is what
; flows back into the phi on the back-edge.

target triple = "x86_64-unknown-linux-gnu"

declare ptr @runtime.newobject(ptr nest, ptr)

define ptr @main.build(ptr nest %nest, i64 %n) gc "go" {
; CHECK-LABEL: @main.build(
; CHECK: loop:
; CHECK-NEXT: %[[T:.*]] = phi ptr [ %t0, %entry ], [ %[[TR:.*]], %loop ]
; CHECK-NEXT: %head = phi ptr [ null, %entry ], [ %obj, %loop ]
; CHECK: @runtime.newobject, {{.*}} [ "deopt"(i64 0), "gc-live"(ptr %[[T]], ptr %head) ]
; CHECK-NEXT: %obj = call ptr @llvm.experimental.gc.result.p0(
; CHECK-NEXT: %[[TR]] = call ptr @llvm.experimental.gc.relocate.p0(token %obj.sp, i32 0, i32 0)
; CHECK-NEXT: %[[HR:.*]] = call ptr @llvm.experimental.gc.relocate.p0(token %obj.sp, i32 1, i32 1)
; CHECK-NEXT: store ptr %[[HR]], ptr %obj
entry:
  %t0 = call ptr @runtime.newobject(ptr nest undef, ptr null)
  br label %loop
loop:
  %head = phi ptr [ null, %entry ], [ %obj, %loop ]
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %obj = call ptr @runtime.newobject(ptr nest undef, ptr %t0)
  store ptr %head, ptr %obj
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop
exit:
  ret ptr %obj
}
