; RUN: opt %loadgo -passes='function(print<go-safepoints>)' -disable-output %s | FileCheck %s
; RUN: opt %loadgo -passes=go-statepoints -S %s | FileCheck %s --check-prefix=IR
; RUN: opt %loadgo -passes=go-statepoints,verify -disable-output %s
; RUN: go-llc -O2 -gc=go -frame-pointer=all -filetype=obj %s -o %t.o
; RUN: go-stackmap-dump %t.o | FileCheck %s --check-prefix=MAP
; byval arguments:
;  - a byval pointer points into the caller's outgoing argument area, not
;    into the heap: never a root (recording it made LLVM list its frame
;    index twice and the function failed to compile);
;  - the callee's copy of a byval struct holding pointers is copied at entry
;    into a stack object of its own, which the maps describe;
;  - at the call, the heap object a byval argument is copied from stays
;    recorded, so the pointers it holds survive until the callee has them.

target triple = "x86_64-unknown-linux-gnu"

%pair = type { ptr, i64 }

declare void @main.work(ptr nest)
declare void @main.take(ptr nest, ptr byval(%pair))
declare void @main.ints(ptr nest, ptr byval([2 x i64]))

; CHECK-LABEL: Safepoints for 'main.callee'
; CHECK-NEXT: object %b.go.copy: 2 words, pointers 10
; CHECK-NEXT: call @main.work: live [] objects [%b.go.copy:10]
; IR-LABEL: @main.callee(
; IR: %b.go.copy = alloca %pair, align 8
; IR: call void @llvm.memcpy{{.*}}(ptr align 8 %b.go.copy, ptr align 8 %b, i64 16, i1 false)
; MAP-LABEL: function main.callee
; MAP-NEXT: ret main.callee+0x{{[0-9a-f]+}} live: sp+{{[0-9]+}}{{$}}
define i64 @main.callee(ptr nest %nest, ptr byval(%pair) align 8 %b) gc "go" {
  call void @main.work(ptr nest undef)
  %p = load ptr, ptr %b
  %v = load i64, ptr %p
  ret i64 %v
}

; A byval argument without pointers, live across a call in the entry block.
; CHECK-LABEL: Safepoints for 'main.ints_callee'
; CHECK-NEXT: call @main.work: live [] objects []
; MAP-LABEL: function main.ints_callee
; MAP-NEXT: ret main.ints_callee+0x{{[0-9a-f]+}} live: none
define i64 @main.ints_callee(ptr nest %nest, ptr byval([2 x i64]) align 8 %b) gc "go" {
  call void @main.work(ptr nest undef)
  %v = load i64, ptr %b
  ret i64 %v
}

; The source %h of the byval copy is dead after the call: still recorded.
; CHECK-LABEL: Safepoints for 'main.caller'
; CHECK-NEXT: call @main.take: live [%h] objects []
; MAP-LABEL: function main.caller
; MAP-NEXT: ret main.caller+0x{{[0-9a-f]+}} live: sp+{{[0-9]+}}{{$}}
define void @main.caller(ptr nest %nest, ptr %h) gc "go" {
  call void @main.take(ptr nest undef, ptr byval(%pair) %h)
  ret void
}
