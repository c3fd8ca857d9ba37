; RUN: opt %loadgo -passes=go-prepare-gc -print-after=go-prepare-gc -disable-output %s 2>&1 | FileCheck %s
; The registry names the pass classes, so -print-after accepts the pipeline
; name go-prepare-gc.
target triple = "x86_64-unknown-linux-gnu"

; CHECK: IR Dump After gollc::GoPrepareGCPass on [module]
; CHECK-LABEL: define void @main.f(ptr nest %nest) #0 gc "go"
define void @main.f(ptr nest %nest) "split-stack" {
  ret void
}
