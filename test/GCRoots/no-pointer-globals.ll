; RUN: opt %loadgo -passes=go-gc-roots -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-gc-roots -S %s | opt -passes=verify -disable-output
; Without a writable global that holds a pointer there is nothing to register:
; no list, no call, no constructor.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@main.n = global i64 0
@main.buf = global [4096 x i8] zeroinitializer
@main.empty = global [0 x ptr] zeroinitializer
@main.desc = constant { i64, ptr } { i64 8, ptr @main.n }

; CHECK-NOT: registerGCRoots
; CHECK-NOT: go..gcroots
; CHECK-NOT: llvm.global_ctors
define void @__go_init_main(ptr nest %nest) "split-stack" {
entry:
  ret void
}
