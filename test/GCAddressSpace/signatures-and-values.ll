; RUN: opt %loadgo -passes=go-gc-addrspace -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-gc-addrspace,verify -disable-output %s
; Pointer parameters and results, loads, phis, GEPs of heap pointers, Go
; strings and interfaces move to addrspace(1); "ni:1" joins the data layout;
; named struct types get an addrspace(1) copy; constants are converted in
; place (null, undef, a global's address).

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

%main.node = type { ptr, i64 }

@main.node..d = external global i8

; CHECK: target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128-ni:1"
; CHECK: %main.node.gc = type { ptr addrspace(1), i64 }

; CHECK-LABEL: define ptr addrspace(1) @main.next(ptr addrspace(1) nest %nest, ptr addrspace(1) %l)
; CHECK: %p = phi ptr addrspace(1) [ %l, %entry ], [ %next, %body ]
; CHECK: %isnil = icmp eq ptr addrspace(1) %p, null
; CHECK: %next = load ptr addrspace(1), ptr addrspace(1) %p
; CHECK: %val.p = getelementptr inbounds %main.node.gc, ptr addrspace(1) %p, i32 0, i32 1
; CHECK: ret ptr addrspace(1) %p
define ptr @main.next(ptr nest %nest, ptr %l) {
entry:
  br label %loop
loop:
  %p = phi ptr [ %l, %entry ], [ %next, %body ]
  %isnil = icmp eq ptr %p, null
  br i1 %isnil, label %exit, label %body
body:
  %next = load ptr, ptr %p
  %val.p = getelementptr inbounds %main.node, ptr %p, i32 0, i32 1
  store i64 1, ptr %val.p
  br label %loop
exit:
  ret ptr %p
}

; CHECK-LABEL: define { ptr addrspace(1), i64 } @main.str(ptr addrspace(1) nest %nest, { ptr addrspace(1), ptr addrspace(1) } %iface)
; CHECK: %data = extractvalue { ptr addrspace(1), ptr addrspace(1) } %iface, 1
; CHECK: %s0 = insertvalue { ptr addrspace(1), i64 } undef, ptr addrspace(1) %data, 0
; CHECK: %obj = call ptr addrspace(1) @runtime.newobject(ptr addrspace(1) nest undef, ptr addrspace(1) addrspacecast (ptr @main.node..d to ptr addrspace(1)))
; CHECK: ret { ptr addrspace(1), i64 } %s
define { ptr, i64 } @main.str(ptr nest %nest, { ptr, ptr } %iface) {
  %data = extractvalue { ptr, ptr } %iface, 1
  %s0 = insertvalue { ptr, i64 } undef, ptr %data, 0
  %s = insertvalue { ptr, i64 } %s0, i64 3, 1
  %obj = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  ret { ptr, i64 } %s
}

; An input ptrtoint is the program's choice and stays; inttoptr yields a
; GC pointer.
; CHECK-LABEL: define ptr addrspace(1) @main.unsafe(
; CHECK: %i = ptrtoint ptr addrspace(1) %p to i64
; CHECK: %q = inttoptr i64 %j to ptr addrspace(1)
define ptr @main.unsafe(ptr nest %nest, ptr %p) {
  %i = ptrtoint ptr %p to i64
  %j = add i64 %i, 8
  %q = inttoptr i64 %j to ptr
  ret ptr %q
}

; CHECK-LABEL: declare ptr addrspace(1) @runtime.newobject(ptr addrspace(1) nest, ptr addrspace(1))
declare ptr @runtime.newobject(ptr nest, ptr)
