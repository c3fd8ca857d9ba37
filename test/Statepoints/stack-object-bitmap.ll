; RUN: opt %loadgo -passes=go-statepoints -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-statepoints,verify -disable-output %s
; An address-taken alloca holding pointers is a stack object: it goes into
; "deopt" as the alloca itself followed by its layout (1 object, the alloca,
; 3 words, bitmap 0b101 = 5 for {ptr, i64, ptr}), not into "gc-live", and it
; is zeroed before anything can report it.

target triple = "x86_64-unknown-linux-gnu"

declare void @main.fill(ptr nest, ptr)
declare void @main.work(ptr nest)

define void @main.f(ptr nest %nest) gc "go" {
; CHECK-LABEL: @main.f(
; CHECK: %x = alloca { ptr, i64, ptr }
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 8 %x, i8 0, i64 24, i1 false)
; CHECK: @main.fill, {{.*}} ptr %x, i32 0, i32 0) [ "deopt"(i64 1, ptr %x, i64 3, i64 5) ]
; CHECK-NOT: gc.relocate
; CHECK: @main.work, {{.*}} [ "deopt"(i64 1, ptr %x, i64 3, i64 5) ]
; CHECK-NOT: gc.relocate
  %x = alloca { ptr, i64, ptr }, !go_addrtaken !0
  call void @main.fill(ptr nest undef, ptr %x)
  call void @main.work(ptr nest undef)
  ret void
}

!0 = !{}
