; RUN: opt %loadgo -passes=go-statepoints -S %s | FileCheck %s
; RUN: opt %loadgo -passes='function(print<go-safepoints>)' -disable-output %s | FileCheck %s --check-prefix=PRINT
; RUN: timeout 120 go-llc -O0 -gc=go -filetype=obj %s -o %t.O0.o
; RUN: go-stackmap-dump %t.O0.o | FileCheck %s --check-prefix=MAP
; RUN: go-stackmap-dump --json %t.O0.o | FileCheck %s --check-prefix=JSON
; RUN: llvm-objdump -s -j go_stackmap %t.O0.o | FileCheck %s --check-prefix=V3
; RUN: timeout 120 go-llc -O2 -gc=go -filetype=obj %s -o %t.O2.o
; RUN: go-stackmap-dump %t.O2.o | FileCheck %s --check-prefix=MAP
; RUN: go-llc -O0 -gc=go -go-stackmap-format=llvm -filetype=obj %s -o %t.llvm.o
; RUN: go-stackmap-dump --llvm %t.llvm.o | FileCheck %s --check-prefix=MAP
; RUN: go-llc -O0 -gc=go -go-stackmap-format=gollvm -filetype=obj %s -o %t.gollvm.o
; RUN: llvm-readelf -S %t.gollvm.o | FileCheck %s --check-prefix=LSDA
; Stack objects of 128 MiB (Go's nilptr2.go BigStruct: {i int; j float64;
; k string; x [128 << 20]byte; l []byte}) and 1 GiB with a pointer at each
; end, live across calls. Their layouts travel in the "deopt" bundle as runs
; of pointer words (a negative SizeInWords announces the form), a few
; operands whatever the size; zeroing stores only the pointer words (and
; words before the first one, short stretches); the maps mark exactly the
; two pointer words, in a go_stackmap table of 168 bytes. go-statepoints used to refuse both objects (a
; pointer-holding prefix over 8 MiB); the dense bitmap would be 262,145 and
; 2,097,153 operands, which instruction selection does not survive.

target triple = "x86_64-pc-linux-gnu"

%BigStruct = type { i64, double, { ptr, i64 }, [134217728 x i8], { ptr, i64, i64 } }
%Huge = type { ptr, [1073741824 x i8], ptr }

declare void @use(ptr)
declare void @g()
declare void @llvm.lifetime.start.p0(i64 immarg, ptr nocapture)
declare void @llvm.lifetime.end.p0(i64 immarg, ptr nocapture)

; PRINT: object %obj: 16777221 words, pointers runs 2+1,16777220+1, escapes
; PRINT: call @g: live [] objects [%obj:runs 2+1,16777220+1]
; PRINT: object %huge: 134217730 words, pointers runs 0+1,134217729+1, escapes

; CHECK-LABEL: define void @big(
; CHECK: call void @llvm.lifetime.start.p0(i64 134217784, ptr %obj)
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 8 %obj, i8 0, i64 24, i1 false)
; CHECK-NEXT: [[END:%.*]] = getelementptr inbounds i8, ptr %obj, i64 134217760
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 8 [[END]], i8 0, i64 8, i1 false)
; CHECK-NOT: call void @llvm.memset
; CHECK: [ "deopt"(i64 1, ptr %obj, i64 -16777221, i64 2, i64 2, i64 1, i64 16777220, i64 1)
; CHECK: [ "deopt"(i64 1, ptr %obj, i64 -16777221, i64 2, i64 2, i64 1, i64 16777220, i64 1)
; CHECK-NOT: call void @llvm.memset
; CHECK-LABEL: define void @huge(
; CHECK: call void @llvm.lifetime.start.p0(i64 1073741840, ptr %huge)
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 8 %huge, i8 0, i64 8, i1 false)
; CHECK-NEXT: [[END:%.*]] = getelementptr inbounds i8, ptr %huge, i64 1073741832
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 8 [[END]], i8 0, i64 8, i1 false)
; CHECK-NOT: call void @llvm.memset
; CHECK: [ "deopt"(i64 1, ptr %huge, i64 -134217730, i64 2, i64 0, i64 1, i64 134217729, i64 1)
; CHECK: [ "deopt"(i64 1, ptr %huge, i64 -134217730, i64 2, i64 0, i64 1, i64 134217729, i64 1)
; CHECK-NOT: call void @llvm.memset

; MAP: function big at
; MAP-NEXT: ret big+0x{{[0-9a-f]+}} live: sp+[[#A:]]
; MAP-SAME: {{^}} sp+[[#A+134217744]]{{$}}
; MAP-NEXT: ret big+0x{{[0-9a-f]+}} live: sp+[[#A]] sp+[[#A+134217744]]{{$}}
; MAP: function huge at
; MAP-NEXT: ret huge+0x{{[0-9a-f]+}} live: sp+[[#B:]]
; MAP-SAME: {{^}} sp+[[#B+1073741832]]{{$}}
; MAP-NEXT: ret huge+0x{{[0-9a-f]+}} live: sp+[[#B]] sp+[[#B+1073741832]]{{$}}

; The descriptors are runs too (a version 3 table): 14 pool words, where
; bitmaps from sp would be 524,290 and 4,194,306 words (18 MiB).
; JSON: "table_bytes": 168,
; JSON: "live_words": 8,
; JSON: "pool_words": 14
; V3: 0000 474f534d 03002000 a8000000

; The gollvm format is libgo's: its maps are byte bitmaps from sp, 2 MiB
; and 16 MiB here (one per function), 0x120005d bytes in all.
; LSDA: .gcc_except_table PROGBITS {{[0-9a-f]+}} {{[0-9a-f]+}} 120005d

define void @big() gc "go" {
  %obj = alloca %BigStruct, align 8
  call void @llvm.lifetime.start.p0(i64 134217784, ptr %obj)
  call void @use(ptr %obj)
  call void @g()
  call void @llvm.lifetime.end.p0(i64 134217784, ptr %obj)
  ret void
}

define void @huge() gc "go" {
  %huge = alloca %Huge, align 8
  call void @llvm.lifetime.start.p0(i64 1073741840, ptr %huge)
  call void @use(ptr %huge)
  call void @g()
  call void @llvm.lifetime.end.p0(i64 1073741840, ptr %huge)
  ret void
}
