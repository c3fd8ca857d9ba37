; RUN: opt %loadgo -passes=go-gc-roots -pass-remarks-missed=go-gc-roots -disable-output %s 2>&1 | FileCheck %s
; A Gollvm module with no global that can hold a pointer gets no root list,
; and a remark says so instead of nothing at all.
target triple = "x86_64-unknown-linux-gnu"

@main.count = global i64 0

; CHECK: remark: {{.*}}has no global that can hold a pointer; no GC root list emitted
define void @main.f(ptr nest %nest) "split-stack" {
  ret void
}
