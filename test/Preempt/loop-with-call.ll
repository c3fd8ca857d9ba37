; RUN: opt %loadgo -passes='function(go-preempt<backedge>),function(go-verify-preempt)' -S %s | FileCheck %s
; A loop that calls a Go function on every iteration already reaches a
; safepoint each time: no poll. A call on only one path does not count, nor
; does a call of a no-collect runtime function.

target triple = "x86_64-unknown-linux-gnu"

; CHECK-LABEL: define void @main.everyIteration(
; CHECK-NOT: __go_preempt
; CHECK: ret void
define void @main.everyIteration(ptr nest %nest, ptr %p) #0 {
entry:
  br label %loop
loop:
  %v = load ptr, ptr %p, align 8
  call void @main.visit(ptr nest undef, ptr %v)
  %done = icmp eq ptr %v, null
  br i1 %done, label %exit, label %loop
exit:
  ret void
}

; CHECK-LABEL: define void @main.somePaths(
; CHECK: load atomic i32, ptr @__go_preempt_requested monotonic
; CHECK: ret void
define void @main.somePaths(ptr nest %nest, ptr %p) #0 {
entry:
  br label %loop
loop:
  %v = load ptr, ptr %p, align 8
  %odd = icmp eq ptr %v, %p
  br i1 %odd, label %call, label %latch
call:
  call void @main.visit(ptr nest undef, ptr %v)
  br label %latch
latch:
  %done = icmp eq ptr %v, null
  br i1 %done, label %exit, label %loop
exit:
  ret void
}

; CHECK-LABEL: define void @main.memmoveLoop(
; CHECK: load atomic i32, ptr @__go_preempt_requested monotonic
; CHECK: ret void
define void @main.memmoveLoop(ptr nest %nest, ptr %d, ptr %s) #0 {
entry:
  br label %loop
loop:
  call void @runtime.memmove(ptr nest undef, ptr %d, ptr %s, i64 8)
  %v = load ptr, ptr %s, align 8
  %done = icmp eq ptr %v, null
  br i1 %done, label %exit, label %loop
exit:
  ret void
}

declare void @main.visit(ptr nest, ptr)
declare void @runtime.memmove(ptr nest, ptr, ptr, i64)

attributes #0 = { "split-stack" "frame-pointer"="none" "disable-tail-calls"="true" null_pointer_is_valid }
