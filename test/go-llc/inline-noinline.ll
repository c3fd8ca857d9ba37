; RUN: go-llc -O2 -emit-llvm %s -o - | FileCheck %s
; RUN: go-llc -O2 -emit-llvm %s -o - | opt -passes=verify -disable-output
; A Gollvm callee marked noinline stays a call at -O2.
target triple = "x86_64-unknown-linux-gnu"

define void @main.add1(ptr nest %nest, ptr %p) #1 {
entry:
  %v = load i64, ptr %p, align 8
  %v1 = add i64 %v, 1
  store i64 %v1, ptr %p, align 8
  ret void
}

; CHECK-LABEL: define {{.*}}@main.caller(
; CHECK: call void @main.add1(ptr nest {{undef|poison}}, ptr {{.*}}%p)
define void @main.caller(ptr nest %nest, ptr %p) #0 {
entry:
  call void @main.add1(ptr nest undef, ptr %p)
  ret void
}

attributes #0 = { "split-stack" "frame-pointer"="none" }
attributes #1 = { noinline "split-stack" "frame-pointer"="none" }
