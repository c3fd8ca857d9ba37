; RUN: opt %loadgo -passes='function(go-preempt<entry;return>)' -S %s | FileCheck %s
; RUN: opt %loadgo -passes='function(go-preempt<entry;return>)' -S %s | opt -passes=verify -disable-output
; A leaf function (no safepoint call, no loop) runs for a bounded time and
; gets no poll; an intrinsic or gc-leaf call does not make it a non-leaf.

target triple = "x86_64-unknown-linux-gnu"

; CHECK-LABEL: define i64 @main.leaf(
; CHECK-NOT: __go_preempt
; CHECK: ret i64
define i64 @main.leaf(ptr nest %nest, i64 %a, i64 %b) #0 {
entry:
  %m = call i64 @llvm.smax.i64(i64 %a, i64 %b)
  call void @main.noGC(ptr nest undef) #1
  ret i64 %m
}

; CHECK-NOT: @__go_preempt_slow
declare i64 @llvm.smax.i64(i64, i64)
declare void @main.noGC(ptr nest)

attributes #0 = { "split-stack" "frame-pointer"="none" "disable-tail-calls"="true" null_pointer_is_valid }
attributes #1 = { "gc-leaf-function" }
