; RUN: opt %loadgo -passes='function(go-preempt<entry;backedge;return>)' -S %s | FileCheck %s
; RUN: opt %loadgo -passes='function(go-preempt<entry;backedge;return>)' -pass-remarks-missed=go-preempt -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK
; RUN: opt %loadgo -passes='function(go-preempt<entry;backedge;return>)' -go-nosplit-from-split-stack=false -S %s | FileCheck %s --check-prefix=OFF
; RUN: opt %loadgo -passes='function(go-preempt<entry;backedge;return>,go-verify-preempt)' -disable-output %s
; Gollvm marks //go:nosplit by omitting "split-stack" (it never emits
; "go-nosplit"). In a module whose Go functions carry "split-stack", a Go
; function without it is nosplit: Go preempts it only at its calls, so it
; gets no poll at all, neither at entry nor on its loops, and a remark says
; why. -go-nosplit-from-split-stack=false turns the inference off.

target triple = "x86_64-unknown-linux-gnu"

declare void @main.callee(ptr nest)

; CHECK-LABEL: define i64 @main.nosplit(
; CHECK-NOT: __go_preempt
; CHECK: ret i64
; OFF-LABEL: define i64 @main.nosplit(
; OFF: __go_preempt_requested
; REMARK: no preemption polls in 'main.nosplit': function is nosplit
define i64 @main.nosplit(ptr nest %nest, i64 %n) {
entry:
  call void @main.callee(ptr nest undef)
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi i64 [ 0, %entry ], [ %acc.next, %loop ]
  %acc.next = xor i64 %acc, %i
  %i.next = add i64 %i, 1
  %c = icmp ult i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret i64 %acc.next
}

; A split-stack Go function of the same module keeps its polls.
; CHECK-LABEL: define void @main.split(
; CHECK: __go_preempt_requested
define void @main.split(ptr nest %nest) #0 {
entry:
  call void @main.callee(ptr nest undef)
  ret void
}

attributes #0 = { "split-stack" }
