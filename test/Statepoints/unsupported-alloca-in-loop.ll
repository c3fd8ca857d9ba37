; RUN: not opt %loadgo -passes=go-statepoints -disable-output %s 2>&1 | FileCheck %s
; An alloca holding pointers inside a loop makes the frame grow while the
; function runs: no fixed-size stack map can describe it. The pass says so,
; naming the function and block, instead of producing a wrong map.

target triple = "x86_64-unknown-linux-gnu"

declare void @main.work(ptr nest, ptr)

; CHECK: error: function 'main.f': go-statepoints: alloca 'a' in block 'loop' holds pointers and is inside a loop; a stack map needs a fixed-size frame
define void @main.f(ptr nest %nest, i1 %c) gc "go" {
entry:
  br label %loop
loop:
  %a = alloca ptr
  call void @main.work(ptr nest undef, ptr %a)
  br i1 %c, label %loop, label %exit
exit:
  ret void
}
