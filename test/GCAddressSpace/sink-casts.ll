; RUN: opt %loadgo -passes='go-gc-addrspace<sink-casts>,go-prepare-gc,function(print<go-safepoints>)' -disable-output %s | FileCheck %s
; RUN: opt %loadgo -passes='go-gc-addrspace<sink-casts>' -S %s | FileCheck %s --check-prefix=IR
; RUN: opt %loadgo -passes='go-gc-addrspace<sink-casts>,verify' -disable-output %s
; RUN: not opt %loadgo -passes='go-gc-addrspace<bogus>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=BAD
; After the optimizer one addrspacecast of a string's data pointer can feed
; two memcmp calls with an allocation between them (GVN merged two casts);
; the addrspace(0) copy is not tracked, and the string itself is dead after
; the cast. go-gc-addrspace<sink-casts> re-creates the cast before each use,
; so the string pointer is live, and recorded, across the allocation.

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128-ni:1"
target triple = "x86_64-unknown-linux-gnu"

declare i32 @memcmp(ptr, ptr, i64)
declare ptr addrspace(1) @runtime.newobject(ptr addrspace(1) nest, ptr addrspace(1))

@a = constant [1 x i8] c"a"
@b = constant [1 x i8] c"b"

; CHECK-LABEL: Safepoints for 'main.f': 3 safepoints
; CHECK-NEXT: call @memcmp: live [%s] objects []
; CHECK-NEXT: call @runtime.newobject: live [%s] objects []
; IR-LABEL: define i32 @main.f(
; IR: [[C1:%.*]] = addrspacecast ptr addrspace(1) %s to ptr
; IR-NEXT: %x = call i32 @memcmp(ptr [[C1]], ptr @a, i64 1)
; IR: [[C2:%.*]] = addrspacecast ptr addrspace(1) %s to ptr
; IR-NEXT: %y = call i32 @memcmp(ptr [[C2]], ptr @b, i64 1)
define i32 @main.f(ptr addrspace(1) nest %n, ptr addrspace(1) %s) {
  %c = addrspacecast ptr addrspace(1) %s to ptr
  %x = call i32 @memcmp(ptr %c, ptr @a, i64 1)
  %o = call ptr addrspace(1) @runtime.newobject(ptr addrspace(1) nest undef, ptr addrspace(1) null)
  %y = call i32 @memcmp(ptr %c, ptr @b, i64 1)
  %r = add i32 %x, %y
  ret i32 %r
}

; BAD: invalid go-gc-addrspace parameter 'bogus' (expected sink-casts)
