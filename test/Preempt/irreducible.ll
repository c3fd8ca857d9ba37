; RUN: opt %loadgo -passes='function(go-preempt<backedge>)' -pass-remarks=go-preempt -S %s -o %t.ll 2>&1 | FileCheck %s --check-prefix=REMARK
; RUN: FileCheck %s < %t.ll
; RUN: opt %loadgo -passes='function(go-verify-preempt)' -disable-output %t.ll
; RUN: opt -passes=verify -disable-output %t.ll
; An irreducible cycle (two entries, %a and %b) is no loop to LoopInfo; the
; pass still polls it, without crashing, and the verifier accepts the result.

target triple = "x86_64-unknown-linux-gnu"

; REMARK: remark: {{.*}}poll placed in block %a of a cycle with no loop back edge to poll (irreducible control flow)

; CHECK-LABEL: define i64 @main.pingPong(
; CHECK: a:
; CHECK-NEXT: %x = phi i64
; CHECK-NEXT: load atomic i32, ptr @__go_preempt_requested monotonic
define i64 @main.pingPong(ptr nest %nest, ptr %p, i1 %start) #0 {
entry:
  br i1 %start, label %a, label %b
a:
  %x = phi i64 [ 0, %entry ], [ %y.next, %b ]
  %x.next = add i64 %x, 1
  %va = load volatile i64, ptr %p, align 8
  %ca = icmp eq i64 %va, 0
  br i1 %ca, label %exit, label %b
b:
  %y = phi i64 [ 0, %entry ], [ %x.next, %a ]
  %y.next = add i64 %y, 2
  %vb = load volatile i64, ptr %p, align 8
  %cb = icmp eq i64 %vb, 1
  br i1 %cb, label %exit, label %a
exit:
  %r = phi i64 [ %x.next, %a ], [ %y.next, %b ]
  ret i64 %r
}

attributes #0 = { "split-stack" "frame-pointer"="none" "disable-tail-calls"="true" null_pointer_is_valid }
