; RUN: opt %loadgo -passes='go-gc-addrspace,default<O2>,go-prepare-gc,function(print<go-safepoints>)' -disable-output %s | FileCheck %s
; RUN: go-llc -O2 -gc=go -emit-llvm %s -o - | FileCheck %s --check-prefix=LLC
; RUN: go-llc -O2 -gc=go -emit-llvm %s -o - | opt -passes=verify -disable-output
; `var w W; copyW(&w, h); h.p = nil; g(); if c { use(w.p) }`: InstCombine
; turns copyW's 8-byte memcpy into an i64 load and store, and once copyW is
; inlined SROA would promote w to that i64 and convert it back to a pointer
; only where it is used, after the call: a pointer in an integer register,
; in no stack map (test/refrt/stress-copy-then-clear.test runs it). With Go
; pointers in the non-integral addrspace(1) SROA may not do that, and w
; stays a stack object recorded at the call.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

%main.W = type { ptr }

declare void @main.g(ptr nest)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define void @main.copyW(ptr nest %n, ptr %dst, ptr %src) #0 {
entry:
  call void @llvm.memcpy.p0.p0.i64(ptr %dst, ptr %src, i64 8, i1 false)
  ret void
}

; CHECK-LABEL: Safepoints for 'main.f': 1 safepoints, 1 stack objects
; CHECK-NEXT: object %w.sroa.0: 1 words, pointers 1
; CHECK-NEXT: call @main.g: live [] objects [%w.sroa.0:1]
; LLC-LABEL: define i64 @main.f(
; LLC-NOT: inttoptr
; LLC: @llvm.experimental.gc.statepoint.p0({{.*}}@main.g{{.*}}"deopt"(i64 1, ptr %w.sroa.0, i64 1, i64 1)
; LLC-NOT: inttoptr
; LLC: ret i64
define i64 @main.f(ptr nest %n, ptr %h, i1 %c) #0 {
entry:
  %w = alloca %main.W, align 8
  call void @main.copyW(ptr nest undef, ptr %w, ptr %h)
  store ptr null, ptr %h, align 8
  call void @main.g(ptr nest undef)
  br i1 %c, label %use, label %done
use:
  %p = load ptr, ptr %w, align 8
  %v = load i64, ptr %p, align 8
  ret i64 %v
done:
  ret i64 0
}

attributes #0 = { null_pointer_is_valid }
