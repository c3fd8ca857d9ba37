; RUN: opt %loadgo -passes=go-statepoints -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-statepoints,verify -disable-output %s
; RUN: opt %loadgo -passes=go-statepoints %s -o - | llc -load %gopasses -O2 -o /dev/null
; A call returning an aggregate the target returns in memory (over 16 bytes
; here) would crash LLVM 19's statepoint lowering; it goes through an
; internal wrapper that returns the value through a buffer, and the
; statepoint calls the wrapper.

target triple = "x86_64-unknown-linux-gnu"

%Big = type { ptr, ptr, i64, i64, i64 }
declare %Big @main.make(ptr nest, ptr)

define i64 @main.f(ptr nest %nest, ptr %p) gc "go" {
; CHECK-LABEL: @main.f(
; CHECK: %r.go.ret = alloca %Big
; CHECK: @llvm.experimental.gc.statepoint.p0({{.*}} @main.f.go.retwrap, i32 3, i32 0, ptr %r.go.ret, ptr nest undef, ptr %p,
; CHECK: %r = load %Big, ptr %r.go.ret
; CHECK-LABEL: define internal void @main.f.go.retwrap(ptr %0, ptr nest %1, ptr %2)
; CHECK: %[[V:.*]] = call %Big @main.make(ptr nest %1, ptr %2)
; CHECK-NEXT: store %Big %[[V]], ptr %0
  %r = call %Big @main.make(ptr nest undef, ptr %p)
  %x = extractvalue %Big %r, 4
  ret i64 %x
}
