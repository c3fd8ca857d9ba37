; RUN: go-llc -O2 -gc=go -preempt=entry,backedge -relocation-model=pic -filetype=asm %s -o - | FileCheck %s --check-prefixes=CHECK,PIC
; RUN: go-llc -O2 -gc=go -preempt=entry,backedge -relocation-model=static -filetype=asm %s -o - | FileCheck %s --check-prefixes=CHECK,STATIC
; RUN: go-llc -O2 -gc=go -relocation-model=pic -filetype=asm %s -o - | FileCheck %s --check-prefixes=CHECK,PIC
; RUN: opt %loadgo -passes=go-safe-getg -S %s | FileCheck %s --check-prefix=IR
; RUN: opt %loadgo -passes=go-safe-getg,go-safe-getg -S %s | FileCheck %s --check-prefix=IR
; The current goroutine is the thread-local runtime.g. During a call that
; reaches the scheduler (runtime.Gosched here; any poll's slow path) the
; goroutine may move to another thread, so a TLS address computed before the
; call must not be used after it: under -relocation-model=pic codegen would
; call __tls_get_addr once and reuse its result, and the second load would
; read another thread's g. Every access goes through gollc.getg/gollc.setg,
; which compute the address each time and which no pass looks into.

target triple = "x86_64-unknown-linux-gnu"

@runtime.g = external thread_local global ptr

declare void @runtime.Gosched(ptr nest)

; CHECK-LABEL: main.checkG:
; CHECK-NOT: __tls_get_addr
; CHECK-NOT: %fs:(
; CHECK: callq gollc.getg
; CHECK: callq runtime.Gosched
; CHECK: callq gollc.getg
; CHECK: .Lfunc_end
define i1 @main.checkG(ptr nest %nest) #0 {
entry:
  %g1 = load ptr, ptr @runtime.g
  call void @runtime.Gosched(ptr nest undef)
  %g2 = load ptr, ptr @runtime.g
  %same = icmp eq ptr %g1, %g2
  ret i1 %same
}

; Through llvm.threadlocal.address, and a store (setg).
; CHECK-LABEL: main.swap:
; CHECK-NOT: __tls_get_addr
; CHECK-NOT: %fs:(
; CHECK: callq gollc.getg
; CHECK: callq gollc.setg
; CHECK: .Lfunc_end
define ptr @main.swap(ptr nest %nest, ptr %to) #0 {
entry:
  %a = call ptr @llvm.threadlocal.address.p0(ptr @runtime.g)
  %old = load ptr, ptr %a
  call void @runtime.Gosched(ptr nest undef)
  store ptr %to, ptr %a
  ret ptr %old
}

; The accessors: the TLS access, no stack check, no poll.
; CHECK-LABEL: gollc.getg:
; CHECK-NOT: __morestack
; CHECK-NOT: __go_preempt
; PIC: runtime.g@TLSGD
; PIC: callq __tls_get_addr@PLT
; STATIC: runtime.g@GOTTPOFF
; STATIC: %fs:(

; IR-LABEL: define i1 @main.checkG(
; IR: %g1 = call ptr @gollc.getg()
; IR: %g2 = call ptr @gollc.getg()
; IR-LABEL: define ptr @main.swap(
; IR-NOT: threadlocal.address
; IR: %old = call ptr @gollc.getg()
; IR: call void @gollc.setg(ptr %to)
; IR-LABEL: define linkonce_odr hidden ptr @gollc.getg() #{{[0-9]+}} {
; IR-NEXT: entry:
; IR-NEXT: %g = load ptr, ptr @runtime.g
; IR-NEXT: ret ptr %g
; IR-NOT: define
; IR: define linkonce_odr hidden void @gollc.setg(ptr %0)
; IR-NOT: define

declare ptr @llvm.threadlocal.address.p0(ptr)

attributes #0 = { "split-stack" "frame-pointer"="none" }
