; RUN: opt %loadgo -passes='go-prepare-gc,go-statepoints,function(print<go-gc-info>)' -disable-output %s | FileCheck %s
; print<go-gc-info> after go-statepoints: a lowered safepoint is still a
; safepoint (a gc.statepoint calling the original callee), not an
; "intrinsic", and the count says so.
target triple = "x86_64-unknown-linux-gnu"

declare void @main.work(ptr nest)

; CHECK: GC info for 'main.f': strategy "go", gollvm
; CHECK: call @main.work: safepoint (lowered: gc.statepoint)
; CHECK: call @main.work: safepoint (lowered: gc.statepoint)
; CHECK: call sites, 2 safepoints
define ptr @main.f(ptr nest %nest, ptr %p) "split-stack" {
  call void @main.work(ptr nest undef)
  call void @main.work(ptr nest undef)
  ret ptr %p
}
