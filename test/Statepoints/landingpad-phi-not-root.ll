; RUN: opt %loadgo -passes='function(print<go-safepoints>)' -disable-output %s | FileCheck %s
; RUN: opt %loadgo -passes='default<O2>,go-prepare-gc,function(print<go-safepoints>)' -disable-output %s | FileCheck %s --check-prefix=O2
; The exception object a landing pad receives is malloc'ed by the unwinder,
; not a Go heap object. The inliner merges the landing pads of inlined
; calls into a phi (%eh.lpad-body) and rebuilds {ptr, i32} values for
; resume: none of those is a root either.

target triple = "x86_64-unknown-linux-gnu"

declare void @main.work(ptr nest)
declare void @main.cleanup(ptr nest)
declare i32 @__gccgo_personality_v0(...)

; CHECK-LABEL: Safepoints for 'main.f'
; CHECK: call @main.cleanup: live [] objects []
; CHECK: call @main.cleanup: live [] objects []
define void @main.f(ptr nest %nest, i1 %c) gc "go" personality ptr @__gccgo_personality_v0 {
entry:
  br i1 %c, label %a, label %b
a:
  invoke void @main.work(ptr nest undef) to label %done unwind label %pad1
b:
  invoke void @main.work(ptr nest undef) to label %done unwind label %pad2
pad1:
  %lp1 = landingpad { ptr, i32 } cleanup
  br label %eh.lpad-body
pad2:
  %lp2 = landingpad { ptr, i32 } cleanup
  %exn = extractvalue { ptr, i32 } %lp2, 0
  %sel = extractvalue { ptr, i32 } %lp2, 1
  %re0 = insertvalue { ptr, i32 } undef, ptr %exn, 0
  %re = insertvalue { ptr, i32 } %re0, i32 %sel, 1
  br label %eh.lpad-body
eh.lpad-body:
  %eh = phi { ptr, i32 } [ %lp1, %pad1 ], [ %re, %pad2 ]
  %eh.ptr = extractvalue { ptr, i32 } %eh, 0
  call void @main.cleanup(ptr nest undef)
  %again = icmp eq ptr %eh.ptr, null
  br i1 %again, label %other, label %resume
other:
  call void @main.cleanup(ptr nest undef)
  br label %resume
resume:
  resume { ptr, i32 } %eh
done:
  ret void
}

; After inlining a callee with a cleanup into a caller with its own.
; O2-LABEL: Safepoints for 'main.outer'
; O2-NOT: live [%
define void @main.outer(ptr nest %nest) gc "go" personality ptr @__gccgo_personality_v0 {
entry:
  invoke void @main.inner(ptr nest undef) to label %done unwind label %pad
pad:
  %lp = landingpad { ptr, i32 } cleanup
  call void @main.cleanup(ptr nest undef)
  resume { ptr, i32 } %lp
done:
  ret void
}

define internal void @main.inner(ptr nest %nest) gc "go" personality ptr @__gccgo_personality_v0 {
entry:
  invoke void @main.work(ptr nest undef) to label %done unwind label %pad
pad:
  %lp = landingpad { ptr, i32 } cleanup
  call void @main.cleanup(ptr nest undef)
  resume { ptr, i32 } %lp
done:
  ret void
}
