; RUN: opt %loadgo -passes=go-statepoints -S %s | FileCheck %s
; Statepoint IDs are (function position in the module << 32) | (call
; position in the function): unique per call site, the same on every run,
; independent of pointer values and of any other module compiled in
; parallel. Declarations do not count.

target triple = "x86_64-unknown-linux-gnu"

declare void @main.work(ptr nest)

; 1 << 32 = 4294967296
define void @main.a(ptr nest %nest) gc "go" {
; CHECK-LABEL: @main.a(
; CHECK: @llvm.experimental.gc.statepoint.p0(i64 4294967296,
; CHECK: @llvm.experimental.gc.statepoint.p0(i64 4294967297,
  call void @main.work(ptr nest undef)
  call void @main.work(ptr nest undef)
  ret void
}

; 2 << 32 = 8589934592
define void @main.b(ptr nest %nest) gc "go" {
; CHECK-LABEL: @main.b(
; CHECK: @llvm.experimental.gc.statepoint.p0(i64 8589934592,
  call void @main.work(ptr nest undef)
  ret void
}
