; RUN: llc -load=%gopasses -filetype=obj %s -o %t.o
; RUN: go-stackmap-dump %t.o | FileCheck %s
; RUN: llc -load=%gopasses %s -o - | FileCheck %s --check-prefix=ASM
;
; A live vector of pointers is spilled as one 16-byte slot (an Indirect
; location of size 16): both of its words are live.

; CHECK:      function vec at 0x0 frame_size 24
; CHECK-NEXT:   ret vec+0x{{[0-9a-f]+}} live: sp+0 sp+8{{$}}
; ASM-LABEL: vec:
; ASM:       movaps %xmm0, (%rsp)
; ASM:       callq callee
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare void @callee(ptr)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
declare <2 x ptr> @llvm.experimental.gc.relocate.v2p0(token, i32, i32)
define <2 x ptr> @vec(<2 x ptr> %v) gc "go" {
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 1, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr null, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(<2 x ptr> %v)]
  %v2 = call <2 x ptr> @llvm.experimental.gc.relocate.v2p0(token %tok, i32 0, i32 0)
  ret <2 x ptr> %v2
}
