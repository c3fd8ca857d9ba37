; RUN: opt %loadgo -passes=go-gc-roots -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-gc-roots -S %s | opt -passes=verify -disable-output
; A non-main package's init function is <pkgpath>..import; the registration
; goes there, after its allocas and before its first call, and no constructor
; is added.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@example.com_1pkg.cache = global { ptr, i64, i64 } zeroinitializer

; CHECK-NOT: llvm.global_ctors
; CHECK-LABEL: define void @example.com_1pkg..import(
; CHECK-NEXT: entry:
; CHECK-NEXT: %tmp = alloca ptr
; CHECK-NEXT: call void @runtime.registerGCRoots(ptr nest poison, ptr @go..gcroots)
; CHECK-NEXT: call void @runtime..import(
define void @example.com_1pkg..import(ptr nest %nest) "split-stack" {
entry:
  %tmp = alloca ptr
  call void @runtime..import(ptr nest undef)
  store ptr null, ptr %tmp
  ret void
}

declare void @runtime..import(ptr)
