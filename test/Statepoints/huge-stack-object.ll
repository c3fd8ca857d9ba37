; RUN: opt %loadgo -passes='function(print<go-safepoints>)' -disable-output %s | FileCheck %s
; RUN: go-llc -O0 -gc=go -filetype=obj %s -o %t.o
; RUN: go-llc -O2 -gc=go -filetype=obj %s -o %t.o
; RUN: go-stackmap-dump %t.o | FileCheck %s --check-prefix=MAP
; RUN: opt %loadgo -passes=go-prepare-gc,go-statepoints -S %S/Inputs/huge-pointer-array.ll | FileCheck %s --check-prefix=ARRAY
; RUN: go-llc -O2 -gc=go -filetype=obj %S/Inputs/huge-pointer-array.ll -o %t.array.o
; RUN: go-stackmap-dump --json %t.array.o | FileCheck %s --check-prefix=ARRAY-MAP
; RUN: not go-llc -O2 -gc=go -filetype=obj %S/Inputs/too-big-stack-object.ll -o %t.bad.o 2>&1 | FileCheck %s --check-prefix=TOOBIG
; A stack object's layout ends at its last pointer word (objects of up to
; 64 words keep their size): Go's
; `var b struct { p *T; x [128 << 20]byte }` (nilptr2.go in Go's test suite)
; has one pointer word and a 128 MiB tail, and its layout used to be 2^21
; bitmap words, one statepoint operand each: instruction selection crashed.
; 16 MiB of pointers is one run of pointer words in the "deopt" bundle (it
; used to be refused: 32,768 bitmap operands); an object whose
; pointer-holding prefix is too large for any stack map (over 2 GiB) is a
; one-line error, not a crash.

target triple = "x86_64-pc-linux-gnu"

%Big = type { ptr, [134217728 x i8] }

declare void @use(ptr)

; CHECK: object %big: 64 words, pointers 1{{0+}}, escapes
; MAP: ret f+0x{{[0-9a-f]+}} live: sp+{{[0-9]+}}{{$}}
; ARRAY: call void @llvm.memset.p0.i64(ptr align 8 %huge, i8 0, i64 16777216, i1 false)
; ARRAY: [ "deopt"(i64 1, ptr %huge, i64 -2097152, i64 1, i64 0, i64 2097152)
; ARRAY-MAP: "live_words": 2097152,
; TOOBIG: {{^}}go-llc: error: {{.*}}: function 'g': go-statepoints: alloca 'huge' holds pointers across 2049 MiB; a stack map describes at most 2048 MiB of a stack object's pointer-holding prefix{{$}}
define void @f() gc "go" {
  %big = alloca %Big, align 8
  call void @use(ptr %big)
  ret void
}
