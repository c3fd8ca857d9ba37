; The IR half of getg-switch.test: Gollvm code with getg inlined (a load of
; the thread-local runtime.g) on both sides of a call that reschedules.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@runtime.g = external thread_local global ptr

declare void @runtime.Gosched(ptr nest)

; func checkG() bool: is the goroutine the same after a reschedule?
define i1 @main.checkG(ptr nest %nest) #0 {
entry:
  %g1 = load ptr, ptr @runtime.g, align 8
  call void @runtime.Gosched(ptr nest undef)
  %g2 = load ptr, ptr @runtime.g, align 8
  %same = icmp eq ptr %g1, %g2
  ret i1 %same
}

attributes #0 = { "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
