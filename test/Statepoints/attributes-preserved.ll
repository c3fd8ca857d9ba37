; RUN: opt %loadgo -passes=go-statepoints -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-statepoints,verify -disable-output %s
; The statepoint keeps the calling convention and every parameter attribute
; of the call (nest, sret, byval, zeroext...) at the argument's position:
; Gollvm's closures need `nest` to reach the callee in %r10.

target triple = "x86_64-unknown-linux-gnu"

%T = type { ptr, i64, i64 }
declare void @main.closure(ptr nest, i8 zeroext)
declare fastcc void @main.big(ptr sret(%T), ptr nest, ptr byval(%T))

define void @main.f(ptr nest %nest, ptr %fn, ptr %out, ptr %in) gc "go" {
; CHECK-LABEL: @main.f(
; CHECK: call token {{.*}}(i64 {{[0-9]+}}, i32 0, ptr elementtype(void (ptr, i8)) %fn, i32 2, i32 0, ptr nest %nest, i8 zeroext 1, i32 0, i32 0)
; CHECK: call fastcc token {{.*}}(i64 {{[0-9]+}}, i32 0, ptr elementtype(void (ptr, ptr, ptr)) @main.big, i32 3, i32 0, ptr sret(%T) %{{.*}}, ptr nest undef, ptr byval(%T) %{{.*}}, i32 0, i32 0)
  call void %fn(ptr nest %nest, i8 zeroext 1)
  call fastcc void @main.big(ptr sret(%T) %out, ptr nest undef, ptr byval(%T) %in)
  ret void
}
