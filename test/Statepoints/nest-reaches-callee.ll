; RUN: go-llc -O2 -gc=go -filetype=asm %s -o - | FileCheck %s
; The closure context survives the statepoint: after go-statepoints and code
; generation the `nest` argument still travels in %r10, where the callee
; (a Gollvm closure body) reads it. Gollvm's own RS4GC fork dropped `nest`
; from statepoints and broke every closure call.

target triple = "x86_64-unknown-linux-gnu"

define i64 @main.callClosure(ptr nest %nest, ptr %closure, ptr %p) {
; CHECK-LABEL: main.callClosure:
; CHECK: movq (%rdi), %[[FN:[a-z]+]]
; CHECK: movq %rdi, %r10
; CHECK-NOT: %r10
; CHECK: callq *%[[FN]]
  %fn = load ptr, ptr %closure
  %r = call i64 %fn(ptr nest %closure, ptr %p)
  %v = load i64, ptr %p
  %s = add i64 %r, %v
  ret i64 %s
}
