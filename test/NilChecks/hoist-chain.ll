; RUN: opt %loadgo -passes='function(go-nil-checks)' -S %s | FileCheck %s
; Gollvm checks every operand before it loads any (x == y on a struct:
; check &x, check &y, load x.f, load y.f), so a check is followed by the
; next check, and LLVM's ImplicitNullChecks finds no access to fold it
; into. go-nil-checks moves the first load through each checked pointer up
; behind its own check: after the checks before it, a load of a non-nil Go
; pointer cannot fault.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128-ni:1"
target triple = "x86_64-unknown-linux-gnu"

declare void @runtime.panicmem(ptr nest)
declare void @main.g(ptr nest)

; CHECK-LABEL: @eq3(
; CHECK:      entry:
; CHECK-NEXT:   %c1 = icmp eq ptr addrspace(1) %a, null
; CHECK-NEXT:   br i1 %c1, label %p1, label %ok1, !make.implicit
; CHECK:      ok1:
; CHECK-NEXT:   %fa = getelementptr inbounds i8, ptr addrspace(1) %a, i64 8
; CHECK-NEXT:   %x = load i64, ptr addrspace(1) %fa
; CHECK-NEXT:   %c2 = icmp eq ptr addrspace(1) %b, null
; CHECK-NEXT:   br i1 %c2, label %p2, label %ok2, !make.implicit
; CHECK:      ok2:
; CHECK-NEXT:   %y = load i64, ptr addrspace(1) %b
; CHECK-NEXT:   %c3 = icmp eq ptr addrspace(1) %d, null
; CHECK-NEXT:   br i1 %c3, label %p3, label %body, !make.implicit
; CHECK:      body:
; CHECK-NEXT:   %z = load i64, ptr addrspace(1) %d
; CHECK-NEXT:   %s1 = add i64 %x, %y
define i64 @eq3(ptr nest %n, ptr addrspace(1) %a, ptr addrspace(1) %b, ptr addrspace(1) %d) gc "go" {
entry:
  %c1 = icmp eq ptr addrspace(1) %a, null
  br i1 %c1, label %p1, label %ok1, !make.implicit !0
p1:
  call void @runtime.panicmem(ptr nest undef)
  unreachable
ok1:
  %c2 = icmp eq ptr addrspace(1) %b, null
  br i1 %c2, label %p2, label %ok2, !make.implicit !0
p2:
  call void @runtime.panicmem(ptr nest undef)
  unreachable
ok2:
  %c3 = icmp eq ptr addrspace(1) %d, null
  br i1 %c3, label %p3, label %body, !make.implicit !0
p3:
  call void @runtime.panicmem(ptr nest undef)
  unreachable
body:
  %fa = getelementptr inbounds i8, ptr addrspace(1) %a, i64 8
  %x = load i64, ptr addrspace(1) %fa
  %y = load i64, ptr addrspace(1) %b
  %z = load i64, ptr addrspace(1) %d
  %s1 = add i64 %x, %y
  %s2 = add i64 %s1, %z
  ret i64 %s2
}

; Nothing moves across a call, a store, a volatile load or a block with a
; second predecessor: the load of %a stays in %body.
; CHECK-LABEL: @blocked(
; CHECK:      ok1:
; CHECK-NEXT:   %c2 = icmp eq ptr addrspace(1) %b, null
; CHECK:      body:
; CHECK-NEXT:   call void @main.g(ptr nest undef)
; CHECK-NEXT:   %x = load i64, ptr addrspace(1) %a
define i64 @blocked(ptr nest %n, ptr addrspace(1) %a, ptr addrspace(1) %b) gc "go" {
entry:
  %c1 = icmp eq ptr addrspace(1) %a, null
  br i1 %c1, label %p1, label %ok1, !make.implicit !0
p1:
  call void @runtime.panicmem(ptr nest undef)
  unreachable
ok1:
  %c2 = icmp eq ptr addrspace(1) %b, null
  br i1 %c2, label %p2, label %body, !make.implicit !0
p2:
  call void @runtime.panicmem(ptr nest undef)
  unreachable
body:
  call void @main.g(ptr nest undef)
  %x = load i64, ptr addrspace(1) %a
  %y = load i64, ptr addrspace(1) %b
  %s = add i64 %x, %y
  ret i64 %s
}

; CHECK-LABEL: @volatile(
; CHECK:      body:
; CHECK-NEXT:   %x = load volatile i64, ptr addrspace(1) %a
define i64 @volatile(ptr nest %n, ptr addrspace(1) %a, ptr addrspace(1) %b) gc "go" {
entry:
  %c1 = icmp eq ptr addrspace(1) %a, null
  br i1 %c1, label %p1, label %ok1, !make.implicit !0
p1:
  call void @runtime.panicmem(ptr nest undef)
  unreachable
ok1:
  %c2 = icmp eq ptr addrspace(1) %b, null
  br i1 %c2, label %p2, label %body, !make.implicit !0
p2:
  call void @runtime.panicmem(ptr nest undef)
  unreachable
body:
  %x = load volatile i64, ptr addrspace(1) %a
  %y = load i64, ptr addrspace(1) %b
  %s = add i64 %x, %y
  ret i64 %s
}

; CHECK-LABEL: @joined(
; CHECK:      body:
; CHECK-NEXT:   %x = load i64, ptr addrspace(1) %a
define i64 @joined(ptr nest %n, ptr addrspace(1) %a, ptr addrspace(1) %b, i1 %k) gc "go" {
entry:
  %c1 = icmp eq ptr addrspace(1) %a, null
  br i1 %c1, label %p1, label %ok1, !make.implicit !0
p1:
  call void @runtime.panicmem(ptr nest undef)
  unreachable
ok1:
  %c2 = icmp eq ptr addrspace(1) %b, null
  br i1 %c2, label %p2, label %body, !make.implicit !0
p2:
  call void @runtime.panicmem(ptr nest undef)
  unreachable
other:
  br label %body
body:
  %x = load i64, ptr addrspace(1) %a
  %y = load i64, ptr addrspace(1) %b
  %s = add i64 %x, %y
  ret i64 %s
}

!0 = !{}
