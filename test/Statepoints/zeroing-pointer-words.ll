; RUN: opt %loadgo -passes=go-statepoints -S %s | FileCheck %s
; Zeroing a stack object at lifetime.start stores its pointer words only: a
; pointer-free stretch of 512 words (4 KiB) or more between them is skipped,
; a shorter one is zeroed with them (one memset), and so are the words
; before the first pointer word. Objects of up to 512 words are one memset
; from their start, as before. The layout of this 703-word object is three
; runs of pointer words (7 operands, fewer than 11 bitmap words).

target triple = "x86_64-pc-linux-gnu"

%T = type { ptr, [100 x i64], ptr, [600 x i64], ptr }

declare void @use(ptr)
declare void @g()
declare void @llvm.lifetime.start.p0(i64 immarg, ptr nocapture)
declare void @llvm.lifetime.end.p0(i64 immarg, ptr nocapture)

; CHECK-LABEL: define void @f(
; CHECK: call void @llvm.lifetime.start.p0(i64 5624, ptr %obj)
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 8 %obj, i8 0, i64 816, i1 false)
; CHECK-NEXT: [[LAST:%.*]] = getelementptr inbounds i8, ptr %obj, i64 5616
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 8 [[LAST]], i8 0, i64 8, i1 false)
; CHECK-NOT: call void @llvm.memset
; CHECK: [ "deopt"(i64 1, ptr %obj, i64 -703, i64 3, i64 0, i64 1, i64 101, i64 1, i64 702, i64 1)
define void @f() gc "go" {
  %obj = alloca %T, align 8
  call void @llvm.lifetime.start.p0(i64 5624, ptr %obj)
  call void @use(ptr %obj)
  call void @g()
  call void @llvm.lifetime.end.p0(i64 5624, ptr %obj)
  ret void
}
