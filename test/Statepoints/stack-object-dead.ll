; RUN: opt %loadgo -passes=go-statepoints -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-statepoints,verify -disable-output %s
; A stack object whose address never escapes is live only between its first
; write and its last use: not at a call before it is written, not at a call
; after its last read.

target triple = "x86_64-unknown-linux-gnu"

declare void @main.work(ptr nest)

define ptr @main.f(ptr nest %nest, ptr %p) gc "go" {
; CHECK-LABEL: @main.f(
; CHECK: @main.work, {{.*}} [ "deopt"(i64 0), "gc-live"(ptr %p) ]
; CHECK: @main.work, {{.*}} [ "deopt"(i64 1, ptr %s, i64 2, i64 1) ]
; CHECK: @main.work, {{.*}} [ "deopt"(i64 0) ]
  %s = alloca { ptr, i64 }
  call void @main.work(ptr nest undef)
  store ptr %p, ptr %s
  call void @main.work(ptr nest undef)
  %q = load ptr, ptr %s
  call void @main.work(ptr nest undef)
  ret ptr null
}
