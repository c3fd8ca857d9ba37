; RUN: opt %loadgo -passes='function(print<go-safepoints>)' -disable-output %s | FileCheck %s
; print<go-safepoints> lists, per gc "go" function, the stack objects with
; their pointer bitmaps and, per safepoint, the live SSA roots and objects.
; A function without gc "go" gets one line saying it is not lowered (and,
; for a Gollvm function, that go-prepare-gc was not run).

target triple = "x86_64-unknown-linux-gnu"

declare void @main.work(ptr nest, ptr)

; CHECK: Safepoints for 'main.f': 2 safepoints, 1 stack objects, 3 roots
; CHECK-NEXT: object %pair: 2 words, pointers 10, escapes
; CHECK-NEXT: call @main.work: live [%p] objects []
; CHECK-NEXT: call @main.work: live [%p] objects [%pair:10]
; CHECK-NEXT: Safepoints for 'main.plain': not gc "go", not lowered (run go-prepare-gc first){{$}}
; CHECK-NEXT: Safepoints for 'c_helper': not gc "go", not lowered{{$}}
define ptr @main.f(ptr nest %nest, ptr %p) gc "go" {
  %pair = alloca { ptr, i64 }, !go_addrtaken !0
  call void @main.work(ptr nest undef, ptr null)
  store ptr %p, ptr %pair
  call void @main.work(ptr nest undef, ptr %pair)
  ret ptr %p
}

define void @main.plain(ptr nest %nest) {
  call void @main.work(ptr nest undef, ptr null)
  ret void
}

!0 = !{}

define void @c_helper() {
  ret void
}
