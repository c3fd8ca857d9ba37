; RUN: go-llc -O0 -gc=go -filetype=asm %s -o - | FileCheck %s
; RUN: go-llc -O2 -gc=go -filetype=obj %s -o /dev/null
; Gollvm's -enable-gc modules put addrspace(1) pointers to globals into
; global initializers through addrspacecast. LLVM 19's x86-64 code generator
; emits those as plain addresses (address spaces 0 and 1 have the same
; representation), so go-llc needs no rewriting of initializers for it.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128-ni:1"
target triple = "x86_64-unknown-linux-gnu"

@x = global i64 5
@tab = global { ptr addrspace(1), i64 } { ptr addrspace(1) addrspacecast (ptr @x to ptr addrspace(1)), i64 1 }

; CHECK-LABEL: tab:
; CHECK-NEXT: .quad x
; CHECK-NEXT: .quad 1
define i64 @main.f(ptr nest %n) gc "go" {
  %p = load ptr addrspace(1), ptr @tab
  %v = load i64, ptr addrspace(1) %p
  ret i64 %v
}
