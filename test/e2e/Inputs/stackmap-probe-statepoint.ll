; stackmap-probe.ll with the statepoint written by hand, as go-statepoints
; will produce it: %p and %x live across the call to gollc_test_probe
; (gc "go"). Lets the registry and the go_stackmap printer be tested
; without the go-statepoints pass (stackmap-probe-statepoint.test).
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@main.node..d = external global i8

define i64 @main.probe(ptr nest %nest, ptr %p) #0 gc "go" {
entry:
  %x = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %xv = getelementptr inbounds i8, ptr %x, i64 8
  store i64 2, ptr %xv, align 8
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 0, i32 0, ptr elementtype(i64 (ptr, ptr)) @gollc_test_probe, i32 2, i32 0, ptr %p, ptr %x, i32 0, i32 0) ["gc-live"(ptr %p, ptr %x)]
  %r = call i64 @llvm.experimental.gc.result.i64(token %tok)
  %p2 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 0, i32 0)
  %x2 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 1, i32 1)
  %pv = getelementptr inbounds i8, ptr %p2, i64 8
  %a = load i64, ptr %pv, align 8
  %xv2 = getelementptr inbounds i8, ptr %x2, i64 8
  %b = load i64, ptr %xv2, align 8
  %s = add i64 %a, %b
  %t = add i64 %s, %r
  ret i64 %t
}

declare ptr @runtime.newobject(ptr nest, ptr)
declare i64 @gollc_test_probe(ptr, ptr)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
declare ptr @llvm.experimental.gc.relocate.p0(token, i32, i32)
declare i64 @llvm.experimental.gc.result.i64(token)

attributes #0 = { null_pointer_is_valid "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" }
