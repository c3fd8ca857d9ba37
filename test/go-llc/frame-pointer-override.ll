; RUN: go-llc -O2 -frame-pointer=all -filetype=asm %s -o - | FileCheck %s --check-prefix=ALL
; RUN: go-llc -O2 -frame-pointer=all -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
; RUN: go-llc -O2 -filetype=asm %s -o - | FileCheck %s --check-prefix=KEEP
; An explicit -frame-pointer= overrides the "frame-pointer"="none" every
; Gollvm function carries (LLVM's setFunctionAttributes only fills in a
; missing one); without the option the function's own attribute stands.
target triple = "x86_64-unknown-linux-gnu"

; ALL-LABEL: main.f:
; ALL: pushq %rbp
; ALL-NEXT: .cfi_def_cfa_offset 16
; ALL-NEXT: .cfi_offset %rbp, -16
; ALL-NEXT: movq %rsp, %rbp
; IR: attributes #0 = { {{.*}}"frame-pointer"="all"
; KEEP-LABEL: main.f:
; KEEP-NOT: %rbp
; KEEP: .cfi_endproc
define i64 @main.f(ptr nest %nest, i64 %x) #0 {
  %r = call i64 @main.g(ptr nest undef, i64 %x)
  %s = add i64 %r, 1
  ret i64 %s
}

declare i64 @main.g(ptr, i64)

attributes #0 = { "frame-pointer"="none" "split-stack" }
