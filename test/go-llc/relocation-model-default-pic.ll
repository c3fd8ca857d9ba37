; RUN: go-llc %s -o - | FileCheck %s --check-prefix=PIC
; RUN: go-llc -relocation-model=pic %s -o - | FileCheck %s --check-prefix=PIC
; RUN: go-llc -relocation-model=static %s -o - | FileCheck %s --check-prefix=STATIC
; RUN: go-llc -mtriple=x86_64-unknown-freebsd %s -o - | FileCheck %s --check-prefix=STATIC
; RUN: go-llc -filetype=obj %s -o %t.o
; RUN: llvm-readelf -r %t.o | FileCheck %s --check-prefix=RELOC
; RUN: go-llc --help | FileCheck %s --check-prefix=HELP
; Go objects are linked into PIEs (gccgo-12 on Debian links PIE by default),
; so on Linux targets go-llc defaults to -relocation-model=pic: the address
; of a global is PC-relative, not an absolute R_X86_64_32 that a PIE link
; rejects. An explicit -relocation-model wins, and other targets keep their
; own default.

target triple = "x86_64-unknown-linux-gnu"

@main.counter = internal global i64 0

define ptr @main.addr(ptr nest %nest) {
  ret ptr @main.counter
}

; PIC-LABEL: main.addr:
; PIC: leaq main.counter(%rip), %rax
; STATIC-LABEL: main.addr:
; STATIC: movl $main.counter, %eax
; RELOC: R_X86_64_PC32
; RELOC-NOT: R_X86_64_32{{ }}
; HELP: --relocation-model=<value> {{.*}}default: pic on Linux targets
