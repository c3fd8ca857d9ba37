; RUN: llc -load=%gopasses -filetype=obj %s -o %t.o
; RUN: go-stackmap-dump --verify %t.o | FileCheck %s
; RUN: llvm-readelf -S -r %t.o | FileCheck %s --check-prefix=ELF
;
; Two functions get two records in entry order, each pointing at its own
; call sites; identical live sets share one pool descriptor (pool: the empty
; descriptor, {sp+8, sp+16} and {sp+8}, each an sp part and an empty cfa
; part: 2 + 3 + 3 = 8 words for 4 call sites); a function without safepoints gets no record. The section is
; allocatable, read-only, retained (SHF_GNU_RETAIN: kept by --gc-sections),
; 8-byte aligned, and its only relocations are the
; PC-relative function entries, against the section rather than the global
; function symbols (which a shared library may not reference PC-relatively);
; go-stackmap-dump names them through the symbol table.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @callee(ptr)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
declare ptr @llvm.experimental.gc.relocate.p0(token, i32, i32)

; CHECK:      table at 0x0: 144 bytes, 2 function(s), 4 call site(s), 8 pool word(s)
; CHECK-NEXT: function first at 0x0 frame_size 24
; CHECK-NEXT:   ret first+0x{{[0-9a-f]+}} live: sp+8 sp+16{{$}}
; CHECK-NEXT:   ret first+0x{{[0-9a-f]+}} live: sp+8{{$}}
; CHECK-NEXT: function second at 0x{{[0-9a-f]+}} frame_size 24
; CHECK-NEXT:   ret second+0x{{[0-9a-f]+}} live: sp+8 sp+16{{$}}
; CHECK-NEXT:   ret second+0x{{[0-9a-f]+}} live: sp+8{{$}}
; CHECK-NEXT: verify: ok
; CHECK-NOT:  no_safepoints

; ELF:      go_stackmap PROGBITS {{[0-9a-f]+}} {{[0-9a-f]+}} 000090 00 AR 0 0 8
; ELF:      Relocation section '.relago_stackmap'
; ELF-SAME: contains 2 entries
; ELF:      R_X86_64_PC32 {{[0-9a-f]+}} .text + 0
; ELF-NEXT: R_X86_64_PC32 {{[0-9a-f]+}} .text + 40

define ptr @first(ptr %a, ptr %b) gc "go" {
entry:
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 1, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr null, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(ptr %a, ptr %b)]
  %a2 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 0, i32 0)
  %b2 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 1, i32 1)
  %tok2 = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 2, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr %a2, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(ptr %b2)]
  %b3 = call ptr @llvm.experimental.gc.relocate.p0(token %tok2, i32 0, i32 0)
  ret ptr %b3
}

define void @no_safepoints(ptr %a) gc "go" {
  ret void
}

define ptr @second(ptr %a, ptr %b) gc "go" {
entry:
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 3, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr null, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(ptr %b, ptr %a)]
  %b2 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 0, i32 0)
  %a2 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 1, i32 1)
  %tok2 = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 4, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr %b2, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(ptr %a2)]
  %a3 = call ptr @llvm.experimental.gc.relocate.p0(token %tok2, i32 0, i32 0)
  ret ptr %a3
}
