; RUN: opt %loadgo -passes='function(print<go-safepoints>)' -disable-output %s | FileCheck %s
; RUN: go-llc -O0 -gc=go -filetype=obj %s -o %t.o
; RUN: go-llc -O2 -gc=go -filetype=obj %s -o %t.o
; RUN: go-stackmap-dump %t.o | FileCheck %s --check-prefix=MAP
; RUN: not go-llc -O2 -gc=go -filetype=obj %S/Inputs/huge-pointer-array.ll -o %t.bad.o 2>&1 | FileCheck %s --check-prefix=TOOBIG
; A stack object's layout ends at its last pointer word (objects of up to
; 64 words keep their size): Go's
; `var b struct { p *T; x [128 << 20]byte }` (nilptr2.go in Go's test suite)
; has one pointer word and a 128 MiB tail, and its layout used to be 2^21
; bitmap words, one statepoint operand each: instruction selection crashed.
; An object whose pointer-holding prefix is too large for any stack map is
; a one-line error, not a crash.

target triple = "x86_64-pc-linux-gnu"

%Big = type { ptr, [134217728 x i8] }

declare void @use(ptr)

; CHECK: object %big: 64 words, pointers 1{{0+}}, escapes
; MAP: ret f+0x{{[0-9a-f]+}} live: sp+{{[0-9]+}}{{$}}
; TOOBIG: {{^}}go-llc: error: {{.*}}: function 'g': go-statepoints: alloca 'huge' holds pointers across 16 MiB; a stack map describes at most 8 MiB of a stack object's pointer-holding prefix{{$}}
define void @f() gc "go" {
  %big = alloca %Big, align 8
  call void @use(ptr %big)
  ret void
}
