; RUN: go-llc -O2 -gc=go -filetype=obj %s -o %t.o
; RUN: go-stackmap-dump %t.o | FileCheck %s
; End to end: two pointers live across the first call are spilled and both
; slots are marked; at the second call only the one still needed is; at the
; last call nothing is live.

target triple = "x86_64-unknown-linux-gnu"

declare void @main.work(ptr nest)

; CHECK: function main.g at 0x0 frame_size {{[0-9]+}}
; CHECK-NEXT: ret main.g+0x{{[0-9a-f]+}} live: sp+{{[0-9]+}} sp+{{[0-9]+}}{{$}}
; CHECK-NEXT: ret main.g+0x{{[0-9a-f]+}} live: sp+{{[0-9]+}}{{$}}
; CHECK-NEXT: ret main.g+0x{{[0-9a-f]+}} live: none
define i64 @main.g(ptr nest %nest, ptr %p, ptr %q) {
  call void @main.work(ptr nest undef)
  %a = load i64, ptr %p
  call void @main.work(ptr nest undef)
  %b = load i64, ptr %q
  call void @main.work(ptr nest undef)
  %s = add i64 %a, %b
  ret i64 %s
}
