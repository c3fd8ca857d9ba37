; RUN: opt %loadgo -passes=go-gc-addrspace -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-gc-addrspace,verify -disable-output %s
; Allocas, globals and pointers derived only from them stay in addrspace(0)
; (SROA and mem2reg need that); an alloca's allocated type gets addrspace(1)
; pointer fields, so go-statepoints keeps its pointer bitmap; where a stack
; or static address flows into a GC-typed position (stored, passed, merged
; with a heap pointer) it is addrspacecast.

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

%main.pair = type { ptr, ptr }

@main.g = global ptr null

declare void @main.use(ptr nest, ptr)

; CHECK-LABEL: define void @main.f(
; CHECK: %tmp = alloca %main.pair.gc
; CHECK: %f1 = getelementptr inbounds %main.pair.gc, ptr %tmp, i32 0, i32 1
; CHECK: store ptr addrspace(1) %x, ptr %f1
; CHECK: %sel = select i1 %c, ptr %tmp, ptr %f1
; CHECK: [[C1:%.*]] = addrspacecast ptr %sel to ptr addrspace(1)
; CHECK: call void @main.use(ptr addrspace(1) nest undef, ptr addrspace(1) [[C1]])
; CHECK: [[C2:%.*]] = addrspacecast ptr %tmp to ptr addrspace(1)
; CHECK: store ptr addrspace(1) [[C2]], ptr @main.g
; CHECK: %mix = phi ptr addrspace(1)
; CHECK-SAME: [ %x, %entry ]
; CHECK: %y = load ptr addrspace(1), ptr @main.g
define void @main.f(ptr nest %n, ptr %x, i1 %c) {
entry:
  %tmp = alloca %main.pair
  %f1 = getelementptr inbounds %main.pair, ptr %tmp, i32 0, i32 1
  store ptr %x, ptr %f1
  %sel = select i1 %c, ptr %tmp, ptr %f1
  call void @main.use(ptr nest undef, ptr %sel)
  store ptr %tmp, ptr @main.g
  br i1 %c, label %a, label %b
a:
  br label %b
b:
  %mix = phi ptr [ %x, %entry ], [ %tmp, %a ]
  %y = load ptr, ptr @main.g
  call void @main.use(ptr nest undef, ptr %mix)
  ret void
}
