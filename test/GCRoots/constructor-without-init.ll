; RUN: opt %loadgo -passes=go-gc-roots -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-gc-roots -S %s | opt -passes=verify -disable-output
; RUN: opt %loadgo -passes=go-gc-roots -pass-remarks=go-gc-roots -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK
; A Gollvm module with no package init function registers its roots from a
; new constructor in llvm.global_ctors.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@main.head = global ptr null

; CHECK: @go..gcroots = internal global { ptr, i64, [1 x { ptr, i64, i64, ptr }] } { ptr null, i64 1, [1 x { ptr, i64, i64, ptr }] [{ ptr, i64, i64, ptr } { ptr @main.head, i64 8, i64 8, ptr @go..gcmask.main.head }] }
; CHECK: @llvm.global_ctors = appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 65535, ptr @go..gcroots.register, ptr null }]

; CHECK-LABEL: define i64 @main.f(
; CHECK-NOT: call
; CHECK: ret i64 %v
define i64 @main.f(ptr nest %nest) #0 {
  %p = load ptr, ptr @main.head
  %v = load i64, ptr %p
  ret i64 %v
}

; The constructor keeps the module's frame contract (target, frame pointer,
; stack check), like every function a pass creates.
; CHECK-LABEL: define internal void @go..gcroots.register()
; CHECK-SAME: #[[CA:[0-9]+]]
; CHECK-NEXT: entry:
; CHECK-NEXT: call void @runtime.registerGCRoots(ptr nest poison, ptr @go..gcroots)
; CHECK-NEXT: ret void
; REMARK: remark: <unknown>:0:0: registered 1 global GC roots from go..gcroots.register

; CHECK: attributes #[[CA]] = { nounwind "frame-pointer"="none" "split-stack" "target-cpu"="x86-64" }
attributes #0 = { "frame-pointer"="none" "split-stack" "target-cpu"="x86-64" }
