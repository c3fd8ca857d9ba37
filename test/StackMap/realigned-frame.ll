; RUN: llc -mattr=+avx2 -load=%gopasses -filetype=obj %s -o %t.avx2.o
; RUN: go-stackmap-dump --verify %t.avx2.o | FileCheck %s --check-prefixes=CHECK,AVX2
; RUN: llc -mattr=+avx2 -load=%gopasses -go-stackmap-format=llvm -filetype=obj %s -o %t.avx2.llvm.o
; RUN: go-stackmap-dump --llvm %t.avx2.llvm.o | FileCheck %s --check-prefixes=CHECK,AVX2
; RUN: llc -mattr=+avx2 -load=%gopasses %s -o - | FileCheck %s --check-prefix=ASM
; RUN: llc -mattr=+avx512f -load=%gopasses -filetype=obj %s -o %t.avx512.o
; RUN: go-stackmap-dump --verify %t.avx512.o | FileCheck %s --check-prefixes=CHECK,AVX512
; RUN: llc -mattr=+avx512f -load=%gopasses -go-stackmap-format=llvm -filetype=obj %s -o %t.avx512.llvm.o
; RUN: go-stackmap-dump --llvm %t.avx512.llvm.o | FileCheck %s --check-prefixes=CHECK,AVX512
; RUN: llc -mattr=+avx512f -load=%gopasses %s -o - | FileCheck %s --check-prefix=ASM
;
; A 256-bit (AVX2) or 512-bit (AVX-512) value live across a call makes LLVM
; realign the stack (`and $-32, %rsp` / `and $-64, %rsp` after `push %rbp;
; mov %rsp, %rbp`). LLVM's StackMaps then reports the stack size as
; UINT64_MAX; the go format records frame_size "variable" (the runtime finds
; the return address through the frame pointer), and the live words, which
; LLVM addresses from %rsp in such a frame, are still exact relative to the
; call's sp: the stack object's pointer word (sp+16, where `leaq 16(%rsp)`
; passes it) and the four (eight) words of the spilled vector of pointers.
; Both formats say the same.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @callee(ptr)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
declare <4 x ptr> @llvm.experimental.gc.relocate.v4p0(token, i32, i32)
declare <8 x ptr> @llvm.experimental.gc.relocate.v8p0(token, i32, i32)

; CHECK:        function four at 0x0 frame_size variable code_size 0x58
; CHECK-NEXT:     ret four+0x30 live: sp+16 sp+32 sp+40 sp+48 sp+56{{$}}
; CHECK-NEXT:   function eight at 0x60 frame_size variable
; AVX2-NEXT:      ret eight+0x24 live: sp+0 sp+8 sp+16 sp+24 sp+32 sp+40 sp+48 sp+56{{$}}
; AVX512-NEXT:    ret eight+0x20 live: sp+0 sp+8 sp+16 sp+24 sp+32 sp+40 sp+48 sp+56{{$}}

; ASM-LABEL: four:
; ASM:       pushq %rbp
; ASM:       movq %rsp, %rbp
; ASM:       andq $-32, %rsp
; ASM:       leaq 16(%rsp), %rdi
; ASM:       callq callee
; ASM-LABEL: eight:
; ASM:       andq $-64, %rsp
define ptr @four(ptr %p, <4 x ptr> %v) #0 gc "go" {
entry:
  %obj = alloca { ptr, i64 }, align 8
  store { ptr, i64 } zeroinitializer, ptr %obj
  store ptr %p, ptr %obj
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 1, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr %obj, i32 0, i32 0) ["deopt"(i64 1, ptr %obj, i64 2, i64 1), "gc-live"(<4 x ptr> %v)]
  %v2 = call <4 x ptr> @llvm.experimental.gc.relocate.v4p0(token %tok, i32 0, i32 0)
  %a = extractelement <4 x ptr> %v2, i32 0
  %b = extractelement <4 x ptr> %v2, i32 3
  %q = load ptr, ptr %obj
  call void @callee(ptr %a)
  call void @callee(ptr %b)
  ret ptr %q
}

define ptr @eight(<8 x ptr> %v) #0 gc "go" {
entry:
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 2, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr null, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(<8 x ptr> %v)]
  %v2 = call <8 x ptr> @llvm.experimental.gc.relocate.v8p0(token %tok, i32 0, i32 0)
  %a = extractelement <8 x ptr> %v2, i32 7
  ret ptr %a
}

attributes #0 = { "frame-pointer"="all" }
