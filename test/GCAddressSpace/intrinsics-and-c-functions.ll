; RUN: opt %loadgo -passes=go-gc-addrspace -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-gc-addrspace,verify -disable-output %s
; Overloaded intrinsics are re-declared for their operands' new types; C
; library functions LLVM knows keep addrspace(0) parameters (the optimizer
; turns memcmp into bcmp and printf into puts with its own declarations), and
; so do the variadic arguments of a call; an indirect callee (code, not heap)
; is called through addrspace(0).

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
declare i32 @memcmp(ptr, ptr, i64)
declare i32 @printf(ptr, ...)

@fmt = constant [4 x i8] c"%s\0A\00"

; CHECK: declare i32 @memcmp(ptr, ptr, i64)
; CHECK-LABEL: define i32 @main.f(
; CHECK: call void @llvm.memcpy.p0.p1.i64(ptr %buf, ptr addrspace(1) %src, i64 16, i1 false)
; CHECK: call void @llvm.memset.p1.i64(ptr addrspace(1) %src, i8 0, i64 16, i1 false)
; CHECK: [[A:%.*]] = addrspacecast ptr addrspace(1) %src to ptr
; CHECK: %r = call i32 @memcmp(ptr [[A]], ptr %buf, i64 16)
; CHECK: [[B:%.*]] = addrspacecast ptr addrspace(1) %src to ptr
; CHECK: call i32 (ptr, ...) @printf(ptr @fmt, ptr [[B]])
; CHECK: %fn = load ptr addrspace(1), ptr addrspace(1) %clo
; CHECK: [[F:%.*]] = addrspacecast ptr addrspace(1) %fn to ptr
; CHECK: call void [[F]](ptr addrspace(1) nest %clo)
; The declarations nothing calls any more are gone.
; CHECK-NOT: @llvm.memcpy.p0.p0.i64
define i32 @main.f(ptr nest %n, ptr %src, ptr %clo) {
  %buf = alloca [16 x i8]
  call void @llvm.memcpy.p0.p0.i64(ptr %buf, ptr %src, i64 16, i1 false)
  call void @llvm.memset.p0.i64(ptr %src, i8 0, i64 16, i1 false)
  %r = call i32 @memcmp(ptr %src, ptr %buf, i64 16)
  call i32 (ptr, ...) @printf(ptr @fmt, ptr %src)
  %fn = load ptr, ptr %clo
  call void %fn(ptr nest %clo)
  ret i32 %r
}
