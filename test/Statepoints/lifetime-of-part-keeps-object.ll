; RUN: opt %loadgo -passes='print<go-safepoints>' -disable-output %s 2>&1 | FileCheck %s
; RUN: opt %loadgo -passes=go-statepoints,verify -disable-output %s
; A lifetime marker on part of a stack object (a pointer at a non-zero
; offset) does not start or end the whole object's lifetime: the object's
; other words keep what was written there, and the object stays reported
; while they are used later. The analysis used to treat it as a new
; lifetime and dropped the object at @main.gc, where %buf's first word
; held the only reference to its pointee.

target triple = "x86_64-unknown-linux-gnu"

declare void @main.use(ptr nest, ptr)
declare void @main.gc(ptr nest)
declare void @llvm.lifetime.start.p0(i64, ptr)

define void @main.f(ptr nest %nest) gc "go" {
; CHECK-LABEL: Safepoints for 'main.f'
; CHECK: call @main.use: live [] objects [%buf:11]
; CHECK-NEXT: call @main.gc: live [] objects [%buf:11]
; CHECK-NEXT: call @main.use: live [] objects [%buf:11]
entry:
  %buf = alloca [2 x ptr], align 8
  call void @main.use(ptr nest undef, ptr %buf)
  %second = getelementptr inbounds i8, ptr %buf, i64 8
  call void @llvm.lifetime.start.p0(i64 8, ptr %second)
  call void @main.gc(ptr nest undef)
  call void @main.use(ptr nest undef, ptr %buf)
  ret void
}
