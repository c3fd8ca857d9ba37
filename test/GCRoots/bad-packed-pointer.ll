; RUN: not opt %loadgo -passes=go-gc-roots -disable-output %s 2>&1 | FileCheck %s
; A pointer at an offset that is not a multiple of the word size cannot be
; described by Go's word bitmap: a one-line error names the global.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@main.packed = global <{ i8, ptr }> zeroinitializer

; CHECK: error: go-gc-roots: global 'main.packed' holds a pointer that is not aligned to a 8-byte word; Go's collector cannot scan it
define void @main.f(ptr nest %n) "split-stack" {
  ret void
}
