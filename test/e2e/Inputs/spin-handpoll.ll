; main.spin with the poll go-preempt inserts at a loop back edge written by
; hand (docs/Runtime.md): an atomic monotonic load of the flag and a cold
; call of the slow path. It exercises libgollcrt (ticker, slow path,
; runtime.Gosched) independently of the go-preempt pass.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@__go_preempt_requested = external global i32

define void @main.spin(ptr nest %nest, ptr %counter) #0 {
entry:
  br label %loop

loop:
  %v = load volatile i64, ptr %counter, align 8
  %v1 = add i64 %v, 1
  store volatile i64 %v1, ptr %counter, align 8
  %flag = load atomic i32, ptr @__go_preempt_requested monotonic, align 4
  %set = icmp ne i32 %flag, 0
  br i1 %set, label %slow, label %loop, !prof !0

slow:
  call void @__go_preempt_slow() #1
  br label %loop
}

declare void @__go_preempt_slow()

attributes #0 = { null_pointer_is_valid "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" }
attributes #1 = { cold }

!0 = !{!"branch_weights", i32 1, i32 1000}
