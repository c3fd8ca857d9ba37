; RUN: opt %loadgo -passes='function(go-preempt<entry>)' -S %s | FileCheck %s
; RUN: opt %loadgo -passes='function(go-preempt<entry>)' -S %s | opt -passes=verify -disable-output
; A Go function that calls out gets an entry poll: a monotonic load of the
; flag, an unlikely branch to a cold block that calls the slow path and comes
; back; the static allocas stay in the entry block.

target triple = "x86_64-unknown-linux-gnu"

; CHECK: @__go_preempt_requested = external global i32, align 4
; CHECK-LABEL: define void @main.caller(ptr nest %nest)
; CHECK-NEXT: entry:
; CHECK-NEXT: %buf = alloca [4 x i64], align 8
; CHECK-NEXT: %go.preempt.flag = load atomic i32, ptr @__go_preempt_requested monotonic, align 4, !go.preempt.poll
; CHECK-NEXT: %go.preempt.req = icmp ne i32 %go.preempt.flag, 0
; CHECK-NEXT: br i1 %go.preempt.req, label %go.preempt.slow, label %[[CONT:.*]], !prof ![[UNLIKELY:[0-9]+]]
; CHECK: go.preempt.slow:
; CHECK-NEXT: call void @__go_preempt_slow()
; CHECK-NEXT: br label %[[CONT]]
; CHECK: [[CONT]]:
; CHECK-NEXT: call void @main.callee(ptr nest undef, ptr %buf)
; CHECK: declare void @__go_preempt_slow() #[[SLOWATTR:[0-9]+]]
; CHECK: attributes #[[SLOWATTR]] = { cold noinline }
; CHECK: ![[UNLIKELY]] = !{!"branch_weights", i32 1, i32 1048575}
define void @main.caller(ptr nest %nest) #0 {
entry:
  %buf = alloca [4 x i64], align 8
  call void @main.callee(ptr nest undef, ptr %buf)
  ret void
}

declare void @main.callee(ptr nest, ptr)

attributes #0 = { "split-stack" "frame-pointer"="none" "disable-tail-calls"="true" null_pointer_is_valid }
