; RUN: go-llc -O2 -mcpu=skylake -filetype=asm %s -o - | FileCheck %s --check-prefix=SKYLAKE
; RUN: go-llc -O2 -mattr=+avx2 -filetype=asm %s -o - | FileCheck %s --check-prefix=SKYLAKE
; RUN: go-llc -O2 -filetype=asm %s -o - | FileCheck %s --check-prefix=DEFAULT
; RUN: go-llc -O2 -mcpu=skylake -emit-llvm -filetype=asm %s -o - | FileCheck %s --check-prefix=ATTR
; The user's -mcpu and -mattr win over the functions' own attributes: every
; Gollvm function carries "target-cpu"="x86-64", which used to make
; -mcpu=skylake give a byte-identical object with no AVX in the vector loop.

; SKYLAKE-LABEL: main.sum:
; SKYLAKE: ymm
; DEFAULT-LABEL: main.sum:
; DEFAULT-NOT: ymm
; ATTR: attributes #{{[0-9]+}} = { {{.*}}"target-cpu"="skylake"
target triple = "x86_64-unknown-linux-gnu"
define i64 @main.sum(ptr nest %n, ptr %a, i64 %len) #0 {
entry:
  %z = icmp sgt i64 %len, 0
  br i1 %z, label %loop, label %exit
loop:
  %i = phi i64 [ 0, %entry ], [ %i.n, %loop ]
  %acc = phi i64 [ 0, %entry ], [ %acc.n, %loop ]
  %p = getelementptr inbounds i64, ptr %a, i64 %i
  %v = load i64, ptr %p
  %acc.n = add i64 %acc, %v
  %i.n = add nuw nsw i64 %i, 1
  %c = icmp slt i64 %i.n, %len
  br i1 %c, label %loop, label %exit
exit:
  %r = phi i64 [ 0, %entry ], [ %acc.n, %loop ]
  ret i64 %r
}
attributes #0 = { "split-stack" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" }
