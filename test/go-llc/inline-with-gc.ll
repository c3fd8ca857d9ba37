; RUN: go-llc -O2 -gc=go -emit-llvm %s -o - | FileCheck %s
; RUN: go-llc -O2 -gc=go -emit-llvm %s -o - | opt -passes=verify -disable-output
; With the Go GC lowering on, the small callee is still inlined: the lowering
; runs after default<O2>, and the caller ends up gc "go".
target triple = "x86_64-unknown-linux-gnu"

define void @main.add1(ptr nest %nest, ptr %p) #0 {
entry:
  %v = load i64, ptr %p, align 8
  %v1 = add i64 %v, 1
  store i64 %v1, ptr %p, align 8
  ret void
}

; CHECK-LABEL: define {{.*}}@main.caller({{.*}} gc "go" {
; CHECK-NOT: call
; CHECK: add i64 %{{.*}}, 1
; CHECK-NOT: call
; CHECK: ret void
define void @main.caller(ptr nest %nest, ptr %p) #0 {
entry:
  call void @main.add1(ptr nest undef, ptr %p)
  ret void
}

attributes #0 = { "split-stack" "frame-pointer"="none" }
