; RUN: opt %loadgo -passes='print<go-gc-info>' -disable-output %s | FileCheck %s
; RUN: opt %loadgo -passes='go-prepare-gc,function(print<go-gc-info>)' -disable-output %s | FileCheck %s --check-prefix=PREPARED
; RUN: opt %loadgo -passes='go-prepare-gc' -S %s | opt -passes=verify -disable-output
; print<go-gc-info> lists, per defined function, its GC strategy, whether it
; is Gollvm code, and every call site with how the lowering classifies it:
; runtime allocation and ordinary calls are safepoints, the write barrier
; cannot collect, intrinsics, gc-leaf functions and inline asm are not
; safepoints.
target triple = "x86_64-unknown-linux-gnu"

%main.T = type { ptr, i64 }

@main.T..d = external global ptr

declare ptr @runtime.newobject(ptr nest, ptr)
declare void @runtime.gcWriteBarrier(ptr nest, ptr, ptr)
declare void @runtime.panicmem(ptr nest)
declare i64 @runtime.nanotime1(ptr nest) "gc-leaf-function"
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)

; CHECK-LABEL: GC info for 'main.newT': strategy none, gollvm
; CHECK-NEXT: call @runtime.newobject: safepoint
; CHECK-NEXT: call @llvm.memset.p0.i64: intrinsic
; CHECK-NEXT: call @runtime.gcWriteBarrier: no-collect
; CHECK-NEXT: call @runtime.nanotime1: gc-leaf
; CHECK-NEXT: call asm: inline-asm
; CHECK-NEXT: call <indirect>: safepoint
; CHECK-NEXT: call @runtime.panicmem: safepoint
; CHECK-NEXT: 7 call sites, 3 safepoints
; PREPARED-LABEL: GC info for 'main.newT': strategy "go", gollvm
define ptr @main.newT(ptr nest %nest.0, ptr %next, ptr %fn) #0 {
entry:
  %t = call ptr @runtime.newobject(ptr nest undef, ptr @main.T..d)
  call void @llvm.memset.p0.i64(ptr %t, i8 0, i64 16, i1 false)
  call void @runtime.gcWriteBarrier(ptr nest undef, ptr %t, ptr %next)
  %now = call i64 @runtime.nanotime1(ptr nest undef)
  call void asm sideeffect "", ""()
  call void %fn(ptr nest undef)
  %isnil = icmp eq ptr %next, null
  br i1 %isnil, label %nil, label %ok, !make.implicit !0

nil:
  call void @runtime.panicmem(ptr nest undef)
  unreachable

ok:
  %v = getelementptr inbounds %main.T, ptr %t, i32 0, i32 1
  store i64 %now, ptr %v, align 8
  ret ptr %t
}

; A function without the Gollvm conventions (no nest parameter).
; CHECK-LABEL: GC info for 'helper': strategy none{{$}}
; CHECK-NEXT: 0 call sites, 0 safepoints
define i64 @helper(i64 %x) {
  ret i64 %x
}

attributes #0 = { "split-stack" "disable-tail-calls"="true" null_pointer_is_valid "frame-pointer"="none" }

!0 = !{}
