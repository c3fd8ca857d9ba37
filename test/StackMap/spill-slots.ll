; RUN: llc -load=%gopasses -filetype=obj %s -o %t.o
; RUN: go-stackmap-dump %t.o | FileCheck %s --check-prefix=LLC
; RUN: go-llc -O0 -gc=none -filetype=obj %s -o %t0.o
; RUN: go-stackmap-dump %t0.o | FileCheck %s --check-prefix=O0
; RUN: llc -load=%gopasses %s -o - | FileCheck %s --check-prefix=ASM
;
; Spilled GC pointers (Indirect locations) become one live word each, as an
; offset from the stack pointer at the call; two call sites of one function
; get their own live sets, and the frame size is the distance from sp to the
; return address.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @callee(ptr)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
declare ptr @llvm.experimental.gc.relocate.p0(token, i32, i32)

; LLC:      table at 0x0: 104 bytes, 1 function(s), 2 call site(s), 8 pool word(s)
; LLC-NEXT: function two_calls at 0x0 frame_size 24 code_size 0x29{{$}}
; LLC-NEXT:   ret two_calls+0x15 live: sp+8 sp+16
; LLC-NEXT:   ret two_calls+0x1f live: sp+8{{$}}
; The same map from go-llc -O0, whose fast register allocator spills %a and
; %b the other way round.
; O0:       function two_calls at 0x0 frame_size 24
; O0-NEXT:    ret two_calls+0x17 live: sp+8 sp+16
; O0-NEXT:    ret two_calls+0x21 live: sp+16{{$}}
; The slots the map names are where the code keeps %a and %b.
; ASM-LABEL: two_calls:
; ASM:       subq $24, %rsp
; ASM:       movq %rdi, 16(%rsp)
; ASM-NEXT:  movq %rsi, 8(%rsp)
; ASM:       callq callee
; ASM-NEXT:  .Ltmp0:
; ASM-NEXT:  movq 16(%rsp), %rdi
; ASM-NEXT:  callq callee
; ASM-NEXT:  .Ltmp1:
; ASM-NEXT:  movq 8(%rsp), %rax
define ptr @two_calls(ptr %a, ptr %b) gc "go" {
entry:
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 1, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr null, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(ptr %a, ptr %b)]
  %a2 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 0, i32 0)
  %b2 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 1, i32 1)
  %tok2 = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 2, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr %a2, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(ptr %b2)]
  %b3 = call ptr @llvm.experimental.gc.relocate.p0(token %tok2, i32 0, i32 0)
  ret ptr %b3
}
