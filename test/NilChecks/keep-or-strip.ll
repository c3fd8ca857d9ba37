; RUN: opt %loadgo -passes='function(go-nil-checks)' -S %s | FileCheck %s
; RUN: opt %loadgo -passes='function(go-nil-checks),function(go-nil-checks)' -S %s | FileCheck %s
; go-nil-checks keeps !make.implicit only where a fault at the guarded access
; means what the branch meant under libgo: the nil block calls
; runtime.panicmem, the function is gc "go" and has no landing pads, and
; every access through the pointer in the not-nil block is at an offset in
; [0, 4096). Everywhere else it removes it, so codegen keeps the branch.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128-ni:1"
target triple = "x86_64-unknown-linux-gnu"

declare void @runtime.panicmem(ptr nest)
declare void @other.handler(ptr nest)
declare void @main.f(ptr nest)
declare i32 @__gccgo_personality_v0(...)

; CHECK-LABEL: @kept(
; CHECK: br i1 %c, label %nil, label %ok, !make.implicit
define i64 @kept(ptr nest %n, ptr addrspace(1) %p) gc "go" {
entry:
  %c = icmp eq ptr addrspace(1) %p, null
  br i1 %c, label %nil, label %ok, !make.implicit !0
nil:
  call void @runtime.panicmem(ptr nest undef)
  unreachable
ok:
  %f = getelementptr inbounds i8, ptr addrspace(1) %p, i64 4088
  %v = load i64, ptr addrspace(1) %f
  ret i64 %v
}

; The not-nil successor first and the nil block second (icmp ne).
; CHECK-LABEL: @kept_ne(
; CHECK: br i1 %c, label %ok, label %nil, !make.implicit
define i64 @kept_ne(ptr nest %n, ptr addrspace(1) %p) gc "go" {
entry:
  %c = icmp ne ptr addrspace(1) null, %p
  br i1 %c, label %ok, label %nil, !make.implicit !0
nil:
  call void @runtime.panicmem(ptr nest undef)
  unreachable
ok:
  %v = load i64, ptr addrspace(1) %p
  ret i64 %v
}

; No gc "go": nothing describes the frame at a faulting access.
; CHECK-LABEL: @no_gc(
; CHECK: br i1 %c, label %nil, label %ok{{$}}
define i64 @no_gc(ptr nest %n, ptr %p) {
entry:
  %c = icmp eq ptr %p, null
  br i1 %c, label %nil, label %ok, !make.implicit !0
nil:
  call void @runtime.panicmem(ptr nest undef)
  unreachable
ok:
  %v = load i64, ptr %p
  ret i64 %v
}

; The nil block does something else than panic: a fault would not do it.
; CHECK-LABEL: @other_handler(
; CHECK: br i1 %c, label %nil, label %ok{{$}}
define i64 @other_handler(ptr nest %n, ptr addrspace(1) %p) gc "go" {
entry:
  %c = icmp eq ptr addrspace(1) %p, null
  br i1 %c, label %nil, label %ok, !make.implicit !0
nil:
  call void @other.handler(ptr nest undef)
  ret i64 0
nil2:
  unreachable
ok:
  %v = load i64, ptr addrspace(1) %p
  ret i64 %v
}

; panicmem that returns to more code is not the panic either.
; CHECK-LABEL: @panicmem_not_last(
; CHECK: br i1 %c, label %nil, label %ok{{$}}
define i64 @panicmem_not_last(ptr nest %n, ptr addrspace(1) %p) gc "go" {
entry:
  %c = icmp eq ptr addrspace(1) %p, null
  br i1 %c, label %nil, label %ok, !make.implicit !0
nil:
  call void @runtime.panicmem(ptr nest undef)
  ret i64 1
ok:
  %v = load i64, ptr addrspace(1) %p
  ret i64 %v
}

; A function with landing pads (a defer): a fault would skip its handler.
; CHECK-LABEL: @landing_pads(
; CHECK: br i1 %c, label %nil, label %ok{{$}}
define i64 @landing_pads(ptr nest %n, ptr addrspace(1) %p) gc "go" personality ptr @__gccgo_personality_v0 {
entry:
  invoke void @main.f(ptr nest undef) to label %cont unwind label %lp
cont:
  %c = icmp eq ptr addrspace(1) %p, null
  br i1 %c, label %nil, label %ok, !make.implicit !0
nil:
  call void @runtime.panicmem(ptr nest undef)
  unreachable
ok:
  %v = load i64, ptr addrspace(1) %p
  ret i64 %v
lp:
  %l = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %l
}

; An access 8 bytes below the pointer: from nil it faults near the top of
; the address space, which libgo does not take for a nil dereference.
; CHECK-LABEL: @negative_offset(
; CHECK: br i1 %c, label %nil, label %ok{{$}}
define i64 @negative_offset(ptr nest %n, ptr addrspace(1) %p) gc "go" {
entry:
  %c = icmp eq ptr addrspace(1) %p, null
  br i1 %c, label %nil, label %ok, !make.implicit !0
nil:
  call void @runtime.panicmem(ptr nest undef)
  unreachable
ok:
  %v = load i64, ptr addrspace(1) %p
  %m = getelementptr inbounds i8, ptr addrspace(1) %p, i64 -8
  %w = load i64, ptr addrspace(1) %m
  %s = add i64 %v, %w
  ret i64 %s
}

; The same through integer arithmetic (unsafe.Pointer(uintptr(p) - 8)),
; which instruction selection folds into the same addressing mode.
; CHECK-LABEL: @negative_offset_int(
; CHECK: br i1 %c, label %nil, label %ok{{$}}
define void @negative_offset_int(ptr nest %n, ptr addrspace(1) %p) gc "go" {
entry:
  %c = icmp eq ptr addrspace(1) %p, null
  br i1 %c, label %nil, label %ok, !make.implicit !0
nil:
  call void @runtime.panicmem(ptr nest undef)
  unreachable
ok:
  %i = ptrtoint ptr addrspace(1) %p to i64
  %j = sub i64 %i, 8
  %q = inttoptr i64 %j to ptr addrspace(1)
  store i64 1, ptr addrspace(1) %q
  ret void
}

; An access a page or more past the pointer: from nil it may hit mapped
; memory.
; CHECK-LABEL: @far_offset(
; CHECK: br i1 %c, label %nil, label %ok{{$}}
define i64 @far_offset(ptr nest %n, ptr addrspace(1) %p) gc "go" {
entry:
  %c = icmp eq ptr addrspace(1) %p, null
  br i1 %c, label %nil, label %ok, !make.implicit !0
nil:
  call void @runtime.panicmem(ptr nest undef)
  unreachable
ok:
  %f = getelementptr inbounds i8, ptr addrspace(1) %p, i64 4096
  %v = load i64, ptr addrspace(1) %f
  ret i64 %v
}

; The offset of the pointer itself counts: p is q + 16, the access is at
; p - 8 = q + 8.
; CHECK-LABEL: @derived_base(
; CHECK: br i1 %c, label %nil, label %ok{{$}}
define i64 @derived_base(ptr nest %n, ptr addrspace(1) %q) gc "go" {
entry:
  %p = getelementptr inbounds i8, ptr addrspace(1) %q, i64 16
  %c = icmp eq ptr addrspace(1) %p, null
  br i1 %c, label %nil, label %ok, !make.implicit !0
nil:
  call void @runtime.panicmem(ptr nest undef)
  unreachable
ok:
  %m = getelementptr inbounds i8, ptr addrspace(1) %q, i64 8
  %v = load i64, ptr addrspace(1) %m
  ret i64 %v
}

; The access below the pointer is in the block the not-nil block runs
; straight into: the code generator may merge the two before it folds.
; CHECK-LABEL: @negative_offset_next_block(
; CHECK: br i1 %c, label %nil, label %ok{{$}}
define i64 @negative_offset_next_block(ptr nest %n, ptr addrspace(1) %p) gc "go" {
entry:
  %c = icmp eq ptr addrspace(1) %p, null
  br i1 %c, label %nil, label %ok, !make.implicit !0
nil:
  call void @runtime.panicmem(ptr nest undef)
  unreachable
ok:
  br label %next
next:
  %m = getelementptr inbounds i8, ptr addrspace(1) %p, i64 -8
  %w = load i64, ptr addrspace(1) %m
  ret i64 %w
}

; Through a phi with one incoming value (a copy after coalescing).
; CHECK-LABEL: @negative_offset_phi(
; CHECK: br i1 %c, label %nil, label %ok{{$}}
define i64 @negative_offset_phi(ptr nest %n, ptr addrspace(1) %p) gc "go" {
entry:
  %c = icmp eq ptr addrspace(1) %p, null
  br i1 %c, label %nil, label %ok, !make.implicit !0
nil:
  call void @runtime.panicmem(ptr nest undef)
  unreachable
ok:
  %q = phi ptr addrspace(1) [ %p, %entry ]
  %m = getelementptr inbounds i8, ptr addrspace(1) %q, i64 -16
  %w = load i64, ptr addrspace(1) %m
  ret i64 %w
}

; A small memcpy expands into loads and stores at its addresses.
; CHECK-LABEL: @negative_offset_memcpy(
; CHECK: br i1 %c, label %nil, label %ok{{$}}
define void @negative_offset_memcpy(ptr nest %n, ptr addrspace(1) %p, ptr %d) gc "go" {
entry:
  %c = icmp eq ptr addrspace(1) %p, null
  br i1 %c, label %nil, label %ok, !make.implicit !0
nil:
  call void @runtime.panicmem(ptr nest undef)
  unreachable
ok:
  %m = getelementptr inbounds i8, ptr addrspace(1) %p, i64 -8
  call void @llvm.memcpy.p0.p1.i64(ptr %d, ptr addrspace(1) %m, i64 16, i1 false)
  ret void
}

; Past a call codegen looks no further: the access below the pointer
; after it cannot be the one folded.
; CHECK-LABEL: @negative_offset_after_call(
; CHECK: br i1 %c, label %nil, label %ok, !make.implicit
define i64 @negative_offset_after_call(ptr nest %n, ptr addrspace(1) %p) gc "go" {
entry:
  %c = icmp eq ptr addrspace(1) %p, null
  br i1 %c, label %nil, label %ok, !make.implicit !0
nil:
  call void @runtime.panicmem(ptr nest undef)
  unreachable
ok:
  %v = load i64, ptr addrspace(1) %p
  call void @main.f(ptr nest undef)
  %m = getelementptr inbounds i8, ptr addrspace(1) %p, i64 -8
  %w = load i64, ptr addrspace(1) %m
  %s = add i64 %v, %w
  ret i64 %s
}

declare void @llvm.memcpy.p0.p1.i64(ptr, ptr addrspace(1), i64, i1)

!0 = !{}
