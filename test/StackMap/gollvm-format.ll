; RUN: llc -load=%gopasses -go-stackmap-format=gollvm -filetype=obj %s -o %t.o
; RUN: llvm-objdump -s -j .gcc_except_table %t.o | FileCheck %s --check-prefix=LSDA
; RUN: llvm-objdump --dwarf=frames %t.o | FileCheck %s --check-prefix=CIE
; RUN: llvm-readelf -S -r %t.o | FileCheck %s --check-prefix=RELOC
; RUN: llc -load=%gopasses -go-stackmap-format=gollvm -relocation-model=pic -filetype=obj %s -o %tp.o
; RUN: llvm-objdump --dwarf=frames %tp.o | FileCheck %s --check-prefix=CIE-PIC
; RUN: llvm-readelf -S -r %tp.o | FileCheck %s --check-prefix=RELOC-PIC
; RUN: llc -load=%gopasses -go-stackmap-format=gollvm %s -o - | FileCheck %s --check-prefix=ASM
;
; With -go-stackmap-format=gollvm a gc "go" function with safepoints gets
; what Gollvm's libgo reads (docs/StackMapFormat.md, "The gollvm format"):
; an FDE with a personality routine and an LSDA pointer, and an LSDA whose
; first call-site entry names the "GO..FUNC" sentinel and whose entry for
; each call covers the byte before its return address and names the call's
; map {u32 nwords; u8 bits[]}, words counted from sp at the call. The maps
; here are those of spill-slots.ll (sp+8 sp+16, then sp+8); no go_stackmap
; section. A function without safepoints gets no personality and no LSDA.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @callee(ptr)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
declare ptr @llvm.experimental.gc.relocate.p0(token, i32, i32)

; The LSDA, byte by byte: @LPStart omitted (ff); type table pcrel|sdata4
; (1b) ending 0x21 bytes further (at 0x24); call sites uleb128 (01), 12
; bytes: {0, 0, 0, action 1} (the sentinel), {0x14, 1, 0, action 3} and
; {0x1e, 1, 0, action 5} (return addresses 0x15 and 0x1f minus 1); actions
; {1,0} {2,0} {3,0}; padding; the type table, index 3 first: +0x20 (at
; 0x38), +0x14 (at 0x30), +0x08 (at 0x28, the sentinel); then the sentinel,
; the map of the first call (3 words, bits 110) and of the second (2 words,
; bits 10).
; LSDA:      Contents of section .gcc_except_table:
; LSDA-NEXT: 0000 ff1b2101 0c000000 01140100 031e0100
; LSDA-NEXT: 0010 05010002 00030000 20000000 14000000
; LSDA-NEXT: 0020 08000000 00000000 474f2e2e 46554e43  ........GO..FUNC
; LSDA-NEXT: 0030 03000000 06000000 02000000 02
; LSDA-EMPTY:

; Personality udata4 (03), LSDA udata4 (03), FDE pcrel|sdata4 (1b); the
; function without safepoints (at 0x30) has an FDE of a CIE without them.
; CIE:      Augmentation: "zR"
; CIE:      FDE cie={{[0-9a-f]+}} pc=00000030...
; CIE-NOT:  LSDA Address
; CIE:      Augmentation: "zPLR"
; CIE:      Augmentation data: 03 00 00 00 00 03 1B
; CIE:      FDE cie={{[0-9a-f]+}} pc=00000000...00000029
; CIE-NEXT:   Format: DWARF32
; CIE-NEXT:   LSDA Address: 0000000000000000

; RELOC-NOT: go_stackmap
; RELOC:     Relocation section '.rela.eh_frame'
; RELOC-NEXT: Offset
; RELOC-NEXT: R_X86_64_PC32 {{.*}} .text + 30
; RELOC-NEXT: R_X86_64_32 {{.*}} __gccgo_personality_dummy + 0
; RELOC-NEXT: R_X86_64_PC32 {{.*}} .text + 0
; RELOC-NEXT: R_X86_64_32 {{.*}} .gcc_except_table + 0
; RELOC-NOT:  .rela.gcc_except_table

; PIC: the personality through a DW.ref cell (9b), the LSDA pc-relative.
; CIE-PIC: Augmentation: "zPLR"
; CIE-PIC: Augmentation data: 9B 00 00 00 00 1B 1B
; RELOC-PIC-NOT: go_stackmap
; RELOC-PIC: .data.DW.ref.__gccgo_personality_dummy
; RELOC-PIC: Relocation section '.rela.eh_frame'
; RELOC-PIC-NEXT: Offset
; RELOC-PIC-NEXT: R_X86_64_PC32 {{.*}} .text + 30
; RELOC-PIC-NEXT: R_X86_64_PC32 {{.*}} DW.ref.__gccgo_personality_dummy + 0
; RELOC-PIC-NEXT: R_X86_64_PC32 {{.*}} .text + 0
; RELOC-PIC-NEXT: R_X86_64_PC32 {{.*}} .gcc_except_table + 0

; ASM-LABEL: two_calls:
; ASM:       .cfi_startproc
; ASM:       callq callee
; ASM-NEXT:  .Ltmp0:
; ASM:       callq callee
; ASM-NEXT:  .Ltmp1:
; ASM:       .cfi_personality 3, __gccgo_personality_dummy
; ASM-NEXT:  .cfi_lsda 3, [[TABLE:.Lgo_lsda[0-9]+]]
; ASM-NEXT:  .cfi_endproc
; ASM-LABEL: no_safepoint:
; ASM-NOT:   .cfi_personality
; ASM:       .cfi_endproc
; ASM:       .section .gcc_except_table,"a",@progbits
; ASM:       [[TABLE]]:
; ASM:       .uleb128 (.Ltmp0-two_calls)-1
; ASM:       .uleb128 (.Ltmp1-two_calls)-1
define ptr @two_calls(ptr %a, ptr %b) gc "go" {
entry:
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 1, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr null, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(ptr %a, ptr %b)]
  %a2 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 0, i32 0)
  %b2 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 1, i32 1)
  %tok2 = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 2, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr %a2, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(ptr %b2)]
  %b3 = call ptr @llvm.experimental.gc.relocate.p0(token %tok2, i32 0, i32 0)
  ret ptr %b3
}

define void @no_safepoint(ptr %a) gc "go" {
entry:
  call void @callee(ptr %a)
  ret void
}
