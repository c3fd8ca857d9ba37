; RUN: opt %loadgo -passes=go-gc-roots -S %s | FileCheck %s --check-prefix=SKIP
; RUN: opt %loadgo -passes=go-gc-roots -pass-remarks-missed=go-gc-roots -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK
; RUN: opt %loadgo -passes='go-gc-roots<force>' -S %s | FileCheck %s --check-prefix=FORCE
; RUN: opt %loadgo -passes=go-gc-roots -go-gc-roots-force -S %s | FileCheck %s --check-prefix=FORCE
; RUN: opt %loadgo -passes='go-gc-roots<force>' -S %s | opt -passes=verify -disable-output
; A module that does not look like Gollvm output (no nest, no "split-stack")
; is skipped with a remark unless the pass is forced.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global ptr null

; SKIP-NOT: go..gcroots
; REMARK: remark: <unknown>:0:0: module {{.*}}skip-non-gollvm.ll does not look like Gollvm output; no GC root list emitted (use go-gc-roots<force>)
; FORCE: @go..gcroots = internal global
; FORCE: @llvm.global_ctors
define void @f() {
  ret void
}
