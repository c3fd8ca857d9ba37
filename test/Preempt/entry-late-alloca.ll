; RUN: opt %loadgo -passes='function(go-preempt<entry>)' -S %s | FileCheck %s
; RUN: opt %loadgo -passes='function(go-preempt<entry>)' -S %s | opt -passes=verify -disable-output
; -O0 output interleaves static allocas with code in the entry block. They
; all stay in the entry block, above the entry poll: below it they would be
; dynamic allocas and the frame would have no fixed size.

target triple = "x86_64-unknown-linux-gnu"

; CHECK-LABEL: define void @main.f(
; CHECK-NEXT: entry:
; CHECK-NEXT: %a = alloca i64, align 8
; CHECK-NEXT: %b = alloca ptr, align 8
; CHECK-NEXT: %go.preempt.flag = load atomic i32
; CHECK: entry.go.preempt.cont:
; CHECK-NEXT: store i64 1, ptr %a, align 8
; CHECK-NOT: alloca
; CHECK: ret void
define void @main.f(ptr nest %nest) #0 {
entry:
  %a = alloca i64, align 8
  store i64 1, ptr %a, align 8
  %b = alloca ptr, align 8
  store ptr %a, ptr %b, align 8
  call void @main.use(ptr nest undef, ptr %b)
  ret void
}

declare void @main.use(ptr nest, ptr)

attributes #0 = { "split-stack" "frame-pointer"="none" "disable-tail-calls"="true" null_pointer_is_valid }
