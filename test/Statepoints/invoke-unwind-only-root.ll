; RUN: go-llc -O2 -gc=go -filetype=obj %s -o %t.o
; RUN: go-stackmap-dump %t.o | FileCheck %s
; A pointer needed only if the call unwinds (Gollvm's deferred calls read
; their closure in the landing pad) is still recorded at the call site: its
; normal-path relocation is unused but keeps it in the stack map.

target triple = "x86_64-unknown-linux-gnu"

declare void @main.work(ptr nest)
declare void @main.deferred(ptr nest, ptr)
declare i32 @__gccgo_personality_v0(...)

; CHECK: function main.f at 0x0 frame_size {{[0-9]+}}
; CHECK-NEXT: ret main.f+0x{{[0-9a-f]+}} live: sp+{{[0-9]+}}{{$}}
define void @main.f(ptr nest %nest, ptr %d) personality ptr @__gccgo_personality_v0 {
entry:
  invoke void @main.work(ptr nest undef) to label %done unwind label %pad
done:
  ret void
pad:
  %lp = landingpad { ptr, i32 } cleanup
  call void @main.deferred(ptr nest undef, ptr %d)
  resume { ptr, i32 } %lp
}
