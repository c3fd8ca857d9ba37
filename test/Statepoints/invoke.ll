; RUN: opt %loadgo -passes=go-statepoints -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-statepoints,verify -disable-output %s
; Gollvm's defer code: an invoke becomes a statepoint invoke with the same
; unwind edge, and a pointer live on both paths is recorded at each call.
; Relocations sit on the normal path only (Gollvm's landing pads return
; {ptr, i32}, not a token); the landing pad merges the values each invoke
; had before its call, which is right because nothing moves.

target triple = "x86_64-unknown-linux-gnu"

declare void @main.work(ptr nest)
declare void @main.use(ptr nest, ptr)
declare i32 @__gccgo_personality_v0(...)

define void @main.f(ptr nest %nest, ptr %p) gc "go" personality ptr @__gccgo_personality_v0 {
; CHECK-LABEL: @main.f(
; CHECK: invoke token {{.*}} @main.work, {{.*}} [ "deopt"(i64 0), "gc-live"(ptr %p) ]
; CHECK-NEXT: to label %next unwind label %pad
; CHECK: next:
; CHECK-NEXT: %[[R1:.*]] = call ptr @llvm.experimental.gc.relocate.p0(token
; CHECK-NEXT: invoke token {{.*}} @main.work, {{.*}} [ "deopt"(i64 0), "gc-live"(ptr %[[R1]]) ]
; CHECK-NEXT: to label %done unwind label %pad
; CHECK: done:
; CHECK-NEXT: %[[R2:.*]] = call ptr @llvm.experimental.gc.relocate.p0(token
; CHECK-NEXT: @main.use, {{.*}}, ptr %[[R2]], i32 0, i32 0)
; CHECK: pad:
; CHECK-NEXT: %[[M:.*]] = phi ptr [ %[[R1]], %next ], [ %p, %entry ]
; CHECK-NEXT: landingpad
; CHECK: @main.use, {{.*}}, ptr %[[M]], i32 0, i32 0)
entry:
  invoke void @main.work(ptr nest undef) to label %next unwind label %pad
next:
  invoke void @main.work(ptr nest undef) to label %done unwind label %pad
done:
  call void @main.use(ptr nest undef, ptr %p)
  ret void
pad:
  %lp = landingpad { ptr, i32 } cleanup
  call void @main.use(ptr nest undef, ptr %p)
  resume { ptr, i32 } %lp
}
