; RUN: opt %loadgo -passes='function(print<go-safepoints>)' -disable-output %s | FileCheck %s
; A pointer stored into a stack object at a variable index marks the words
; the store can reach, never every word. A typed object keeps its type's
; pointer words (Go is type safe: the pointer lands in one of them); untyped
; storage gets the words at C + m * G, G the gcd of the index scales.

target triple = "x86_64-unknown-linux-gnu"

declare void @main.work(ptr nest, ptr)

; var a struct { n int; p [4]*T }; a.p[i] = x: bitmap 01111, not 11111.
; CHECK-LABEL: Safepoints for 'main.typed'
; CHECK-NEXT: object %a: 5 words, pointers 01111, escapes
define void @main.typed(ptr nest %nest, ptr %x, i64 %i) gc "go" {
  %a = alloca { i64, [4 x ptr] }, !go_addrtaken !0
  %slot = getelementptr inbounds { i64, [4 x ptr] }, ptr %a, i64 0, i32 1, i64 %i
  store ptr %x, ptr %slot
  call void @main.work(ptr nest undef, ptr %a)
  ret void
}

; The same after the optimizer has flattened the address to bytes.
; CHECK-LABEL: Safepoints for 'main.typed_flat'
; CHECK-NEXT: object %a: 5 words, pointers 01111, escapes
define void @main.typed_flat(ptr nest %nest, ptr %x, i64 %i) gc "go" {
  %a = alloca { i64, [4 x ptr] }, !go_addrtaken !0
  %off = shl i64 %i, 3
  %base = getelementptr inbounds i8, ptr %a, i64 8
  %slot = getelementptr inbounds i8, ptr %base, i64 %off
  store ptr %x, ptr %slot
  call void @main.work(ptr nest undef, ptr %a)
  ret void
}

; Byte storage, pairs {int, ptr} indexed by i: the odd words only.
; CHECK-LABEL: Safepoints for 'main.untyped'
; CHECK-NEXT: object %buf: 8 words, pointers 01010101, escapes
define void @main.untyped(ptr nest %nest, ptr %x, i64 %i) gc "go" {
  %buf = alloca [64 x i8], align 8, !go_addrtaken !0
  %pair = getelementptr inbounds [4 x { i64, ptr }], ptr %buf, i64 0, i64 %i, i32 1
  store ptr %x, ptr %pair
  call void @main.work(ptr nest undef, ptr %buf)
  ret void
}

; Byte storage at a byte index: any word may hold the pointer.
; CHECK-LABEL: Safepoints for 'main.untyped_bytes'
; CHECK-NEXT: object %buf: 4 words, pointers 1111, escapes
define void @main.untyped_bytes(ptr nest %nest, ptr %x, i64 %i) gc "go" {
  %buf = alloca [32 x i8], align 8, !go_addrtaken !0
  %at = getelementptr inbounds i8, ptr %buf, i64 %i
  store ptr %x, ptr %at, align 8
  call void @main.work(ptr nest undef, ptr %buf)
  ret void
}

!0 = !{}
