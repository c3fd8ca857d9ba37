; RUN: opt %loadgo -passes=go-statepoints -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-statepoints,verify -disable-output %s
; Regression (found by test/refrt/go/slices.go, llvm-goc -O2 then go-llc
; -O0): a stack object whose lifetime starts again in a loop is zeroed after
; each lifetime.start, also when the marker takes the alloca through a cast
; (LLVM 14 bitcode upgraded by LLVM 19 keeps `bitcast ptr to ptr`, and -O0
; does not fold it). Without that zeroing, the object (an sret buffer of
; growslice) held the previous lifetime's pointer, to an array freed while
; the object was dead, and the next call reported it live.

target triple = "x86_64-unknown-linux-gnu"

declare void @runtime.growslice(ptr sret({ ptr, i64, i64 }), ptr nest, ptr)
declare void @llvm.lifetime.start.p0(i64, ptr)
declare void @llvm.lifetime.end.p0(i64, ptr)

define void @main.f(ptr nest %nest, ptr %p, i64 %n) gc "go" {
; CHECK-LABEL: @main.f(
; CHECK: loop:
; CHECK: call void @llvm.lifetime.start.p0(i64 24, ptr %cast)
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 8 %buf, i8 0, i64 24, i1 false)
; CHECK: call token {{.*}}@runtime.growslice{{.*}}"deopt"(i64 1, ptr %buf, i64 3, i64 1)
entry:
  %buf = alloca { ptr, i64, i64 }, align 8
  %cast = bitcast ptr %buf to ptr
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  call void @llvm.lifetime.start.p0(i64 24, ptr %cast)
  call void @runtime.growslice(ptr sret({ ptr, i64, i64 }) %buf, ptr nest undef, ptr %p)
  %r = load ptr, ptr %buf
  store ptr %r, ptr %p
  call void @llvm.lifetime.end.p0(i64 24, ptr %cast)
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  ret void
}
