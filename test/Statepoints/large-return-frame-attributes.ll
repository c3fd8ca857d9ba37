; RUN: opt %loadgo -passes=go-statepoints -S %s | FileCheck %s
; The wrapper go-statepoints creates for a call returning in memory keeps its
; caller's frame contract: the split-stack check (a wrapper without one
; could overrun a goroutine's stack segment), the frame pointer, the target
; and the unwind table.

target triple = "x86_64-unknown-linux-gnu"

%Big = type { ptr, ptr, i64, i64, i64 }
declare %Big @main.make(ptr nest, ptr)

define i64 @main.f(ptr nest %nest, ptr %p) #0 gc "go" {
  %r = call %Big @main.make(ptr nest undef, ptr %p)
  %x = extractvalue %Big %r, 4
  ret i64 %x
}

; CHECK-LABEL: define internal void @main.f.go.retwrap(
; CHECK-SAME: #[[A:[0-9]+]]
; CHECK: attributes #[[A]] = {
; CHECK-SAME: null_pointer_is_valid
; CHECK-SAME: uwtable
; CHECK-SAME: "frame-pointer"="all"
; CHECK-SAME: "probe-stack"="inline-asm"
; CHECK-SAME: "split-stack"
; CHECK-SAME: "target-cpu"="x86-64"
; CHECK-SAME: "target-features"="+sse2"

attributes #0 = { null_pointer_is_valid uwtable "disable-tail-calls"="true" "frame-pointer"="all" "probe-stack"="inline-asm" "split-stack" "target-cpu"="x86-64" "target-features"="+sse2" }
