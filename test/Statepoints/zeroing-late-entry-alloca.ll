; RUN: opt %loadgo -passes=go-statepoints -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-statepoints,verify -disable-output %s
; Regression (llgo/cl/_testlibc/allocacstrs): an entry-block alloca that
; comes after other instructions is zeroed after its own definition, not at
; the end of the leading allocas, where the memset would use it before it
; is defined.

target triple = "x86_64-unknown-linux-gnu"

declare void @main.fill(ptr nest, ptr)

define void @main.f(ptr nest %nest, ptr %p) gc "go" {
; CHECK-LABEL: @main.f(
; CHECK: store i64 1, ptr %p
; CHECK-NEXT: %late = alloca [4 x ptr]
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 8 %late, i8 0, i64 32, i1 false)
  store i64 1, ptr %p
  %late = alloca [4 x ptr]
  call void @main.fill(ptr nest undef, ptr %late)
  call void @main.fill(ptr nest undef, ptr %late)
  ret void
}
