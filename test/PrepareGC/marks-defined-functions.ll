; RUN: opt %loadgo -passes=go-prepare-gc -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-prepare-gc -S %s | opt -passes=verify -disable-output
; Every defined function without a GC strategy gets gc "go"; declarations and
; functions that already name a strategy are left alone.

; CHECK-LABEL: define void @main.f(ptr nest %n) #0 gc "go"
define void @main.f(ptr nest %n) "split-stack" {
  ret void
}

; CHECK-LABEL: define void @keeps(ptr %p) gc "statepoint-example"
define void @keeps(ptr %p) gc "statepoint-example" {
  ret void
}

; CHECK-LABEL: declare void @runtime.gc(ptr nest)
; CHECK-NOT: gc "go"
declare void @runtime.gc(ptr nest)
