; RUN: opt %loadgo -passes=go-statepoints -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-statepoints,verify -disable-output %s
; A vector of pointers (what the vectorizer makes of pointer loads) live
; across a call is recorded whole and relocated as a vector.

target triple = "x86_64-unknown-linux-gnu"

declare void @main.work(ptr nest)

define ptr @main.f(ptr nest %nest, <2 x ptr> %v) gc "go" {
; CHECK-LABEL: @main.f(
; CHECK: "gc-live"(<2 x ptr> %v)
; CHECK-NEXT: %[[R:.*]] = call <2 x ptr> @llvm.experimental.gc.relocate.v2p0(
; CHECK: extractelement <2 x ptr> %[[R]], i64 1
  call void @main.work(ptr nest undef)
  %e = extractelement <2 x ptr> %v, i64 1
  ret ptr %e
}
