; XFAIL: !deopt-allocas
; RUN: go-llc -O2 -gc=go -filetype=obj %s -o %t.o
; RUN: go-stackmap-dump %t.o | FileCheck %s
; RUN: go-stackmap-dump --verify %t.o
; End to end through code generation: the stack object {ptr, i64, ptr} is
; reported at both calls with exactly its two pointer words (its i64 word
; is not), and nothing else is live.

target triple = "x86_64-unknown-linux-gnu"

declare void @main.fill(ptr nest, ptr)
declare void @main.work(ptr nest)

; CHECK: function main.f at 0x0 frame_size 24
; CHECK-NEXT: ret main.f+0x{{[0-9a-f]+}} live: sp+0 sp+16
; CHECK-NEXT: ret main.f+0x{{[0-9a-f]+}} live: sp+0 sp+16
define void @main.f(ptr nest %nest) {
  %x = alloca { ptr, i64, ptr }, !go_addrtaken !0
  call void @main.fill(ptr nest undef, ptr %x)
  call void @main.work(ptr nest undef)
  ret void
}

!0 = !{}
