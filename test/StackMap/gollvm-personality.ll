; RUN: llc -load=%gopasses -go-stackmap-format=gollvm -relocation-model=pic %s -o - | FileCheck %s
; RUN: llc -load=%gopasses -go-stackmap-format=gollvm -relocation-model=pic -filetype=obj %s -o %t.o
; RUN: llvm-objdump --dwarf=frames %t.o | FileCheck %s --check-prefix=CIE
; RUN: llvm-readelf -r %t.o | FileCheck %s --check-prefix=RELOC
; RUN: llvm-objdump -s -j .gcc_except_table %t.o | FileCheck %s --check-prefix=LSDA
;
; A gc "go" function with a personality routine but no landing pad (Gollvm
; IR whose invokes were all simplified to calls) keeps its personality;
; LLVM emits its own (empty) LSDA for it, and the gollvm format's
; .cfi_lsda, the last in the FDE, replaces LLVM's pointer with its own.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare void @callee(ptr)
declare i32 @__gccgo_personality_v0(i32, i32, i64, ptr, ptr)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
declare ptr @llvm.experimental.gc.relocate.p0(token, i32, i32)

; CHECK-LABEL: with_personality:
; CHECK:       .cfi_personality 155, DW.ref.__gccgo_personality_v0
; CHECK-NEXT:  .cfi_lsda 27, .Lexception0
; CHECK:       .cfi_personality 155, DW.ref.__gccgo_personality_v0
; CHECK-NEXT:  .cfi_lsda 27, [[TABLE:.Lgo_lsda[0-9]+]]
; CHECK-NEXT:  .cfi_endproc
; CHECK:       [[TABLE]]:
; CHECK:       DW.ref.__gccgo_personality_v0:
; CHECK-NOT:   DW.ref.__gccgo_personality_dummy
; One CIE with a personality, one FDE with an LSDA.
; CIE:     Augmentation: "zPLR"
; CIE:     Augmentation data: 9B 00 00 00 00 1B 1B
; CIE:     LSDA Address:
; CIE-NOT: LSDA Address:
; The FDE's LSDA is the go-llc one at offset 8, after LLVM's 8-byte one.
; RELOC: R_X86_64_PC32 {{.*}} .gcc_except_table + 8
; LSDA: 0000 ffff0104 00120000 ff1b1901 08000000
define ptr @with_personality(ptr %a) gc "go" personality ptr @__gccgo_personality_v0 {
entry:
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 1, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr null, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(ptr %a)]
  %a1 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 0, i32 0)
  ret ptr %a1
}
