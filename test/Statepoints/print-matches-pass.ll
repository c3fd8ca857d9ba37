; RUN: opt %loadgo -passes='function(print<go-safepoints>)' -disable-output %s | FileCheck %s
; RUN: opt %loadgo -passes='function(print<go-safepoints>)' -S %s | FileCheck %s --check-prefix=SAME
; print<go-safepoints> analyses what go-statepoints analyses: the function
; after the pass's own preparation (here: the llgo-style alloca outside the
; entry block, which the pass moves to the entry block and lowers, is a stack
; object, not "unsupported"), and it leaves the IR as it was.

target triple = "x86_64-unknown-linux-gnu"

declare void @main.fill(ptr nest, ptr)
declare void @main.work(ptr nest)

; CHECK: Safepoints for 'main.f': 2 safepoints, 1 stack objects, 2 roots
; CHECK-NOT: unsupported
; CHECK-NEXT: object %obj: 2 words, pointers 10, escapes
; CHECK-NEXT: call @main.fill: live [] objects [%obj:10]
; CHECK-NEXT: call @main.work: live [] objects [%obj:10]
; SAME: body:
; SAME-NEXT: %obj = alloca { ptr, i64 }
define void @main.f(ptr nest %nest) gc "go" {
entry:
  br label %body
body:
  %obj = alloca { ptr, i64 }
  call void @main.fill(ptr nest undef, ptr %obj)
  call void @main.work(ptr nest undef)
  ret void
}
