; RUN: go-llc -O2 -gc=go -preempt=entry,backedge -relocation-model=pic %s -o - | FileCheck %s --check-prefixes=CHECK,IMPLICIT
; RUN: go-llc -O2 -gc=go -preempt=entry,backedge -nil-checks=explicit %s -o - | FileCheck %s --check-prefixes=CHECK,EXPLICIT
; RUN: go-llc -O2 %s -o - | FileCheck %s --check-prefixes=CHECK,EXPLICIT
; RUN: go-llc -O2 -gc=go -preempt=entry -go-stackmap-format=gollvm %s -o - | FileCheck %s --check-prefix=GOLLVM
; RUN: go-llc -O2 -gc=go -relocation-model=pic -filetype=obj %s -o %t.o
; RUN: llvm-readelf -S %t.o | FileCheck %s --check-prefix=SECTIONS
; RUN: go-llc -O0 -gc=go -filetype=obj %s -o %t0.o
; A truncated code generator still prints machine IR, as without -gc=go:
; RUN: go-llc -O2 -gc=go -stop-after=implicit-null-checks %s -o - | FileCheck %s --check-prefix=MIR
;
; Gollvm's nil checks (a !make.implicit branch to a runtime.panicmem call)
; with -gc=go: by default each folds into the access it guards (LLVM's
; ImplicitNullChecks), the access gets a label, the nil blocks no branch
; reaches any more are gone, and there is no .llvm_faultmaps (absolute
; addresses in a read-only section: a PIE would need text relocations).
; Under libgo a fault there is runtime.panicmem's panic
; (test/e2e/nil-checks-libgo.test). The struct equality Gollvm emits checks
; both operands before it loads either; go-nil-checks moves each first load
; up behind its own check so both fold. -nil-checks=explicit, and -gc=none,
; keep the compares and branches.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

%T = type { i64, i32 }

declare void @runtime.panicmem(ptr nest)

; CHECK-LABEL: main.T..eq:
; IMPLICIT-NOT:  testq
; IMPLICIT:      .Lgo_fault0:
; IMPLICIT-NEXT: movq (%rdi), %rax
; IMPLICIT-NEXT: .LBB0_
; IMPLICIT-NEXT: .Lgo_fault1:
; IMPLICIT-NEXT: cmpq (%rsi), %rax
; The copy of the first check on the poll's slow path folds as well.
; IMPLICIT:      callq __go_preempt_slow@PLT
; IMPLICIT-NOT:  testq
; IMPLICIT:      .Lgo_fault2:
; IMPLICIT-NEXT: movq (%rdi), %rax
; IMPLICIT-NOT:  runtime.panicmem
; EXPLICIT:      testq %rdi, %rdi
; EXPLICIT:      runtime.panicmem
; CHECK-LABEL: .Lfunc_end0:
define i8 @main.T..eq(ptr nest %n, ptr %a, ptr %b) #0 {
entry:
  %c1 = icmp eq ptr %a, null
  br i1 %c1, label %p1, label %ok1, !make.implicit !0
p1:
  call void @runtime.panicmem(ptr nest undef)
  unreachable
ok1:
  %c2 = icmp eq ptr %b, null
  br i1 %c2, label %p2, label %ok2, !make.implicit !0
p2:
  call void @runtime.panicmem(ptr nest undef)
  unreachable
ok2:
  %x = load i64, ptr %a
  %y = load i64, ptr %b
  %e = icmp eq i64 %x, %y
  br i1 %e, label %more, label %no
more:
  %fa = getelementptr inbounds %T, ptr %a, i32 0, i32 1
  %fb = getelementptr inbounds %T, ptr %b, i32 0, i32 1
  %x2 = load i32, ptr %fa
  %y2 = load i32, ptr %fb
  %e2 = icmp eq i32 %x2, %y2
  %r = zext i1 %e2 to i8
  ret i8 %r
no:
  ret i8 0
}

; A store folds too.
; CHECK-LABEL: main.set:
; IMPLICIT-NOT:  testq
; IMPLICIT:      .Lgo_fault3:
; IMPLICIT-NEXT: movq $7, 8(%rdi)
; IMPLICIT-NOT:  runtime.panicmem
; EXPLICIT:      testq %rdi, %rdi
; CHECK-LABEL: .Lfunc_end1:
define void @main.set(ptr nest %n, ptr %p) #0 {
entry:
  %c = icmp eq ptr %p, null
  br i1 %c, label %nil, label %ok, !make.implicit !0
nil:
  call void @runtime.panicmem(ptr nest undef)
  unreachable
ok:
  %f = getelementptr inbounds %T, ptr %p, i32 0, i32 0
  %g = getelementptr inbounds i8, ptr %f, i64 8
  store i64 7, ptr %g
  ret void
}

; The gollvm format gives each faulting access a call-site entry of its own,
; in code order among the calls' entries: its first byte (libgo looks a
; signal-interrupted pc up as it is, where a call's entry is the byte before
; its return address), with the empty map (action 3 -> type 2 here; the
; slow-path call keeps its two pointers, type 3).
; GOLLVM-LABEL: main.T..eq:
; GOLLVM:       .cfi_lsda {{[0-9]+}}, [[TABLE:.Lgo_lsda[0-9]+]]
; GOLLVM:       [[TABLE]]:
; GOLLVM:       .uleb128 .Lgo_fault0-main.T..eq
; GOLLVM-NEXT:  .byte 1
; GOLLVM-NEXT:  .byte 0
; GOLLVM-NEXT:  .byte [[EMPTY:[0-9]+]]
; GOLLVM-NEXT:  .uleb128 .Lgo_fault1-main.T..eq
; GOLLVM-NEXT:  .byte 1
; GOLLVM-NEXT:  .byte 0
; GOLLVM-NEXT:  .byte [[EMPTY]]
; GOLLVM-NEXT:  .uleb128 (.Ltmp0-main.T..eq)-1
; GOLLVM-NEXT:  .byte 1
; GOLLVM-NEXT:  .byte 0
; GOLLVM-NEXT:  .byte 5
; GOLLVM-NEXT:  .uleb128 .Lgo_fault2-main.T..eq
; GOLLVM-NEXT:  .byte 1
; GOLLVM-NEXT:  .byte 0
; GOLLVM-NEXT:  .byte [[EMPTY]]
; GOLLVM-NEXT:  .Lgo_lsda_cs_end

; SECTIONS-NOT: .llvm_faultmaps

; MIR: name: main.T..eq
; MIR: FAULTING_OP

attributes #0 = { null_pointer_is_valid "split-stack" }

!0 = !{}
