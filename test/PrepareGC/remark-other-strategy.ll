; RUN: opt %loadgo -passes=go-prepare-gc -pass-remarks-missed=go-prepare-gc -disable-output %s 2>&1 | FileCheck %s
; RUN: opt %loadgo -passes=go-prepare-gc -S %s | opt -passes=verify -disable-output
; A function that already names another GC strategy keeps it, and a
; missed-optimization remark under go-prepare-gc says so; gc "go" functions
; produce no remark.

; CHECK: remark: <unknown>:0:0: function keeps its GC strategy 'statepoint-example'; not lowered for Go
; CHECK-NOT: remark
define void @keeps(ptr %p) gc "statepoint-example" {
  ret void
}

define void @main.already(ptr nest %n) gc "go" {
  ret void
}
