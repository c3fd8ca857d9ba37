; main.spin(counter *int64): increments *counter forever in a loop with no
; call. Gollvm conventions: closure context first (ptr nest), "split-stack".
; Compiled by go-llc with and without -preempt=entry,backedge.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define void @main.spin(ptr nest %nest, ptr %counter) #0 {
entry:
  br label %loop

loop:
  %v = load volatile i64, ptr %counter, align 8
  %v1 = add i64 %v, 1
  store volatile i64 %v1, ptr %counter, align 8
  br label %loop
}

attributes #0 = { null_pointer_is_valid "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" }
