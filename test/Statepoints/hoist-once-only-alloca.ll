; RUN: opt %loadgo -passes=go-statepoints -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-statepoints,verify -disable-output %s
; Regression (llgo/cl/_testrt/abinamed): a fixed-size alloca holding
; pointers outside the entry block, on no cycle, runs at most once per call;
; it moves to the entry block so the frame keeps a fixed size, and it is a
; stack object like any other. So does one holding no pointers: any
; allocation below the entry block makes the frame variable-sized.

target triple = "x86_64-unknown-linux-gnu"

declare void @main.fill(ptr nest, ptr)

define void @main.f(ptr nest %nest, i1 %c) gc "go" {
; CHECK-LABEL: @main.f(
; CHECK-NEXT: entry:
; CHECK-NEXT: %n = alloca i64
; CHECK-NEXT: %obj = alloca { ptr, ptr }
; CHECK: then:
; CHECK: @main.fill, {{.*}} [ "deopt"(i64 1, ptr %obj, i64 2, i64 3) ]
entry:
  br i1 %c, label %then, label %exit
then:
  %obj = alloca { ptr, ptr }
  %n = alloca i64
  store i64 1, ptr %n
  call void @main.fill(ptr nest undef, ptr %obj)
  br label %exit
exit:
  ret void
}
