; RUN: llc -load=%gopasses -filetype=obj %s -o %t.o
; RUN: go-stackmap-dump %t.o > %t.txt
; RUN: llvm-objdump -d --no-show-raw-insn %t.o >> %t.txt
; RUN: FileCheck %s < %t.txt
;
; An invoke statepoint (Gollvm's defer code calls through invokes) gets a
; call-site record at its return address like a call: the pointer live into
; both the normal and the unwind destination is in the map.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @callee(ptr)
declare i32 @__gxx_personality_v0(...)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
declare ptr @llvm.experimental.gc.relocate.p0(token, i32, i32)

; CHECK:      function with_invoke at 0x0 frame_size 8
; CHECK-NEXT:   ret with_invoke+0x[[RET:[0-9a-f]+]] live: sp+0{{$}}
; CHECK:      <with_invoke>:
; CHECK:      callq
; CHECK-NEXT: {{^ +}}[[RET]]:
define ptr @with_invoke(ptr %a) gc "go" personality ptr @__gxx_personality_v0 {
entry:
  %tok = invoke token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 1, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr null, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(ptr %a)]
          to label %normal unwind label %unwind

normal:
  %a1 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 0, i32 0)
  ret ptr %a1

unwind:
  %lp = landingpad token cleanup
  %a2 = call ptr @llvm.experimental.gc.relocate.p0(token %lp, i32 0, i32 0)
  ret ptr %a2
}
