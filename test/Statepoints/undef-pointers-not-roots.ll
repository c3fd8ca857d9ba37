; RUN: opt %loadgo -passes='function(print<go-safepoints>)' -disable-output %s | FileCheck %s
; RUN: opt %loadgo -passes=go-statepoints -S %s | FileCheck %s --check-prefix=IR
; RUN: opt %loadgo -passes=go-statepoints,verify -disable-output %s
; undef and poison are not pointers. An aggregate built with `insertvalue
; undef` (TinyGo, llgo and Gollvm at -O0) has pointer fields nobody wrote,
; and a phi with a poison input has no value on that path: code generation
; may leave their spill slots unwritten, so recording them marks stale stack
; contents. Such fields are not recorded, and every undef or poison GC
; pointer becomes null before the analysis.

target triple = "x86_64-unknown-linux-gnu"

declare void @main.work(ptr nest)
declare void @main.take(ptr nest, { ptr, ptr })

; The interface {type, data} has only its data word set: only %d is a root.
; CHECK-LABEL: Safepoints for 'main.partial'
; CHECK-NEXT: call @main.work: live [%d] objects []
define void @main.partial(ptr nest %nest, ptr %d) gc "go" {
  %i = insertvalue { ptr, ptr } undef, ptr %d, 1
  call void @main.work(ptr nest undef)
  call void @main.take(ptr nest undef, { ptr, ptr } %i)
  ret void
}

; A never-written aggregate (poison) is live across the call: no root.
; CHECK-LABEL: Safepoints for 'main.never_written'
; CHECK-NEXT: call @main.work: live [] objects []
; IR-LABEL: @main.never_written(
; IR: call {{.*}} @main.take, {{.*}}, { ptr, ptr } zeroinitializer
define void @main.never_written(ptr nest %nest) gc "go" {
  call void @main.work(ptr nest undef)
  call void @main.take(ptr nest undef, { ptr, ptr } poison)
  ret void
}

; A phi with a poison input: the phi is recorded, and on the poison path it
; now holds null, not whatever the register had.
; CHECK-LABEL: Safepoints for 'main.phi'
; CHECK-NEXT: call @main.work: live [%p] objects []
; IR-LABEL: @main.phi(
; IR: %p = phi ptr [ null, %entry ], [ %q, %set ]
define ptr @main.phi(ptr nest %nest, ptr %q, i1 %c) gc "go" {
entry:
  br i1 %c, label %set, label %join
set:
  br label %join
join:
  %p = phi ptr [ poison, %entry ], [ %q, %set ]
  call void @main.work(ptr nest undef)
  ret ptr %p
}

; A constant aggregate with an undef pointer field, merged by a phi.
; IR-LABEL: @main.const_field(
; IR: %s = phi { ptr, i64 } [ { ptr null, i64 3 }, %entry ], [ %t, %set ]
define { ptr, i64 } @main.const_field(ptr nest %nest, ptr %q, i1 %c) gc "go" {
entry:
  br i1 %c, label %set, label %join
set:
  %t = insertvalue { ptr, i64 } { ptr undef, i64 5 }, ptr %q, 0
  br label %join
join:
  %s = phi { ptr, i64 } [ { ptr undef, i64 3 }, %entry ], [ %t, %set ]
  call void @main.work(ptr nest undef)
  ret { ptr, i64 } %s
}

; A vector of pointers with undefined lanes.
; IR-LABEL: @main.lanes(
; IR: shufflevector <2 x ptr> %v, <2 x ptr> zeroinitializer, <4 x i32> <i32 0, i32 1, i32 2, i32 2>
define <4 x ptr> @main.lanes(ptr nest %nest, <2 x ptr> %v) gc "go" {
  %w = shufflevector <2 x ptr> %v, <2 x ptr> poison, <4 x i32> <i32 0, i32 1, i32 poison, i32 poison>
  call void @main.work(ptr nest undef)
  ret <4 x ptr> %w
}
