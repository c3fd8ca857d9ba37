; RUN: go-llc -O2 -gc=go -preempt=entry,backedge -verify-each -emit-llvm %S/../Preempt/strip-mine-vectorized.ll -o - | FileCheck %s
; RUN: go-llc -O2 -gc=go -emit-llvm %S/../go-llc/vectorize-noalias.ll -o - | FileCheck %s --check-prefix=NOALIAS
; RUN: go-llc -O2 -gc=go -emit-llvm %S/../go-llc/inline-small-callee.ll -o - | FileCheck %s --check-prefix=INLINE
; With Go pointers in addrspace(1) the optimizer still vectorizes and inlines
; what it did in addrspace(0): the slice sum of strip-mine-vectorized.ll keeps
; its vector body (strip-mined by go-preempt), the noalias loop of
; vectorize-noalias.ll is vectorized, and the small callee of
; inline-small-callee.ll is inlined.

; CHECK-LABEL: define i64 @main.sumSlice(ptr addrspace(1) nest
; CHECK: vector.body:
; CHECK: load <[[VF:[0-9]+]] x i64>, ptr addrspace(1)
; CHECK: add <[[VF]] x i64>
; CHECK: icmp eq i64 %index.next, %go.preempt.lim
; CHECK: go.preempt.chunk:

; NOALIAS-LABEL: define {{.*}}@main.addVectors(
; NOALIAS: vector.body:
; NOALIAS: load <4 x i32>, ptr addrspace(1) %{{.*}}, align 16
; NOALIAS: add nsw <4 x i32>
; NOALIAS: store <4 x i32> %{{.*}}, ptr addrspace(1) %{{.*}}, align 16

; INLINE-LABEL: define {{.*}}@main.caller(
; INLINE-NOT: call {{.*}}@main.add1
; INLINE: add i64 %{{.*}}, 1
; INLINE-NOT: call {{.*}}@main.add1
; INLINE: ret void
