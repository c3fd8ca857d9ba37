; RUN: opt %loadgo -passes='function(go-preempt<entry;backedge>)' -S %s | FileCheck %s --check-prefixes=CHECK,DEFAULT
; RUN: opt %loadgo -passes='function(go-preempt<entry;backedge>)' -go-preempt-skip=main.,sync. -S %s | FileCheck %s --check-prefixes=CHECK,CUSTOM
; RUN: opt %loadgo -passes='function(go-preempt<entry;backedge>)' -S %s | opt -passes=verify -disable-output
; runtime.* functions get no polls at all (the runtime decides itself when it
; may be preempted); -go-preempt-skip replaces the list of name prefixes.

target triple = "x86_64-unknown-linux-gnu"

; CHECK-LABEL: define void @runtime.spin(
; DEFAULT-NOT: __go_preempt
; CUSTOM: load atomic i32, ptr @__go_preempt_requested
; CHECK: ret void
define void @runtime.spin(ptr nest %nest, ptr %p) #0 {
entry:
  br label %loop
loop:
  %v = load volatile i32, ptr %p, align 4
  %z = icmp eq i32 %v, 0
  br i1 %z, label %loop, label %exit
exit:
  call void @main.callee(ptr nest undef)
  ret void
}

; CHECK-LABEL: define void @main.spin(
; DEFAULT: load atomic i32, ptr @__go_preempt_requested
; CUSTOM-NOT: __go_preempt
; CHECK: ret void
define void @main.spin(ptr nest %nest, ptr %p) #0 {
entry:
  br label %loop
loop:
  %v = load volatile i32, ptr %p, align 4
  %z = icmp eq i32 %v, 0
  br i1 %z, label %loop, label %exit
exit:
  call void @main.callee(ptr nest undef)
  ret void
}

declare void @main.callee(ptr nest)

attributes #0 = { "split-stack" "frame-pointer"="none" "disable-tail-calls"="true" null_pointer_is_valid }
