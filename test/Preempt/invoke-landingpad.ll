; RUN: opt %loadgo -passes='function(go-preempt<entry;backedge>),function(go-verify-preempt)' -S %s | FileCheck %s
; RUN: opt %loadgo -passes='function(go-preempt<entry;backedge>)' -S %s | opt -passes=verify -disable-output
; Gollvm defer code: the loop calls through invoke on one path only and the
; landing pad (runtime.checkdefer) branches back into the loop. Both the
; normal back edge gets a poll; the one from the landing pad needs none, as
; the pad's call of runtime.checkdefer is a safepoint.

target triple = "x86_64-unknown-linux-gnu"

; CHECK-LABEL: define void @main.deferLoop(
; CHECK: pad:
; CHECK-NEXT: landingpad { ptr, i32 }
; CHECK-NEXT: catch ptr null
; CHECK-NEXT: call void @runtime.checkdefer(
; CHECK-NEXT: br label %loop
; CHECK: latch:
; CHECK: %go.preempt.flag{{[0-9]*}} = load atomic i32, ptr @__go_preempt_requested monotonic
define void @main.deferLoop(ptr nest %nest, ptr %p, ptr %frame) #0 personality ptr @__gccgo_personality_v0 {
entry:
  br label %loop
loop:
  %v = load volatile i64, ptr %p, align 8
  %odd = icmp eq i64 %v, 1
  br i1 %odd, label %call, label %latch
call:
  invoke void @main.mayPanic(ptr nest undef)
          to label %latch unwind label %pad
pad:
  %lp = landingpad { ptr, i32 }
          catch ptr null
  call void @runtime.checkdefer(ptr nest undef, ptr %frame)
  br label %loop
latch:
  %done = icmp eq i64 %v, 0
  br i1 %done, label %exit, label %loop
exit:
  ret void
}

declare void @main.mayPanic(ptr nest)
declare void @runtime.checkdefer(ptr nest, ptr)
declare i32 @__gccgo_personality_v0(i32, i64, ptr, ptr)

attributes #0 = { "split-stack" "frame-pointer"="none" "disable-tail-calls"="true" null_pointer_is_valid }
