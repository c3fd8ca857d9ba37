; RUN: not opt %loadgo -passes='function(go-verify-preempt)' -disable-output %s 2>&1 | FileCheck %s
; After go-statepoints a loop's safepoint call is a gc.statepoint intrinsic:
; the verifier still counts it as the loop's poll, unless the function it
; calls is a leaf of this module (which gets no entry poll).

target triple = "x86_64-unknown-linux-gnu"

; CHECK-NOT: main.callsVisit
; CHECK: error: go-preempt verifier: function 'main.callsLeafLoop': loop at %loop has no poll
; CHECK-NOT: main.callsVisit
define void @main.callsVisit(ptr nest %nest, ptr %p) #0 gc "go" {
entry:
  br label %loop
loop:
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 1, i32 0, ptr elementtype(void (ptr)) @main.visit, i32 1, i32 0, ptr %p, i32 0, i32 0)
  %v = load volatile i32, ptr %p, align 4
  %z = icmp eq i32 %v, 0
  br i1 %z, label %loop, label %exit
exit:
  ret void
}

define void @main.callsLeafLoop(ptr nest %nest, ptr %p) #0 gc "go" {
entry:
  br label %loop
loop:
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 2, i32 0, ptr elementtype(void (ptr)) @main.leaf, i32 1, i32 0, ptr %p, i32 0, i32 0)
  %v = load volatile i32, ptr %p, align 4
  %z = icmp eq i32 %v, 0
  br i1 %z, label %loop, label %exit
exit:
  ret void
}

define void @main.leaf(ptr %p) #0 {
  store i32 1, ptr %p, align 4
  ret void
}

declare void @main.visit(ptr)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)

attributes #0 = { "split-stack" "frame-pointer"="none" "disable-tail-calls"="true" null_pointer_is_valid }
