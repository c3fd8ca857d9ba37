; RUN: opt %loadgo -passes=go-gc-roots -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-gc-roots -pass-remarks-missed=go-gc-roots -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK
; RUN: opt %loadgo -passes=go-gc-roots -S %s | opt -passes=verify -disable-output
; A module that already passes a root list (Gollvm's go..C0) to
; runtime.registerGCRoots is left as it is, with a remark saying so.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@main.p = global ptr null
@main.gcdata = private constant [1 x i8] c"\01"
@go..C0 = internal global { ptr, i64, [1 x { ptr, i64, i64, ptr }] } { ptr null, i64 1, [1 x { ptr, i64, i64, ptr }] [{ ptr, i64, i64, ptr } { ptr @main.p, i64 8, i64 8, ptr @main.gcdata }] }

; CHECK-NOT: go..gcroots
; CHECK-NOT: go..gcmask
; CHECK-LABEL: define void @__go_init_main(
; CHECK-NEXT: entry:
; CHECK-NEXT: call void @runtime.registerGCRoots(ptr nest undef, ptr @go..C0)
; CHECK-NEXT: ret void
; REMARK: remark: <unknown>:0:0: module already registers GC roots in __go_init_main; left alone
define void @__go_init_main(ptr nest %nest) "split-stack" {
entry:
  call void @runtime.registerGCRoots(ptr nest undef, ptr @go..C0)
  ret void
}

declare void @runtime.registerGCRoots(ptr, ptr)
