; RUN: opt %loadgo -passes=go-gc-addrspace -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-gc-addrspace,verify -disable-output %s
; sret and byval parameters point into a caller's frame and keep their
; addrspace(0) type, while the memory their attributes describe gets
; addrspace(1) pointer fields (go-statepoints copies byval arguments into
; stack objects with that type's bitmap); a landing pad keeps {ptr, i32}: the
; exception object is not a GC pointer, and `resume` gets what the landing
; pad produced.

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

%main.big = type { ptr, i64, i64, i64 }

declare i32 @__gccgo_personality_v0(i32, i64, ptr, ptr)
declare void @main.may_panic(ptr nest)

; CHECK-LABEL: define void @main.ret(ptr sret(%main.big.gc) %out, ptr addrspace(1) nest %n, ptr byval(%main.big.gc) %in, ptr addrspace(1) %p)
; CHECK: store ptr addrspace(1) %p, ptr %out
define void @main.ret(ptr sret(%main.big) %out, ptr nest %n, ptr byval(%main.big) %in, ptr %p) {
  store ptr %p, ptr %out
  ret void
}

; CHECK-LABEL: define ptr addrspace(1) @main.eh(
; CHECK: %lp = landingpad { ptr, i32 }
; CHECK: %exn = extractvalue { ptr, i32 } %lp, 0
; CHECK: %agg = insertvalue { ptr addrspace(1), i32 } undef, ptr addrspace(1) {{%.*}}, 0
; CHECK: resume { ptr, i32 } {{%.*}}
define ptr @main.eh(ptr nest %n, ptr %x) personality ptr @__gccgo_personality_v0 {
entry:
  invoke void @main.may_panic(ptr nest undef) to label %ok unwind label %pad
ok:
  ret ptr %x
pad:
  %lp = landingpad { ptr, i32 } cleanup
  %exn = extractvalue { ptr, i32 } %lp, 0
  %agg = insertvalue { ptr, i32 } undef, ptr %exn, 0
  resume { ptr, i32 } %agg
}
