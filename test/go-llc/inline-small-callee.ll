; RUN: go-llc -O2 -emit-llvm %s -o - | FileCheck %s
; RUN: go-llc -O2 -emit-llvm %s -o - | opt -passes=verify -disable-output
; At -O2 a small Gollvm callee (load, add 1, store) is inlined into its
; caller despite the `ptr nest` parameter and "split-stack".
target triple = "x86_64-unknown-linux-gnu"

define void @main.add1(ptr nest %nest, ptr %p) #0 {
entry:
  %v = load i64, ptr %p, align 8
  %v1 = add i64 %v, 1
  store i64 %v1, ptr %p, align 8
  ret void
}

; CHECK-LABEL: define {{.*}}@main.caller(
; CHECK-NOT: call
; CHECK: add i64 %{{.*}}, 1
; CHECK-NOT: call
; CHECK: ret void
define void @main.caller(ptr nest %nest, ptr %p) #0 {
entry:
  call void @main.add1(ptr nest undef, ptr %p)
  ret void
}

attributes #0 = { "split-stack" "frame-pointer"="none" "disable-tail-calls"="true" null_pointer_is_valid }
