; RUN: opt %loadgo -go-auto -go-gc-addrspace -passes='default<O2>' -print-pipeline-passes -disable-output %s | FileCheck %s --check-prefix=PIPE
; RUN: opt %loadgo -go-auto -go-gc-addrspace -passes='default<O2>' -S %s | FileCheck %s
; RUN: opt %loadgo -go-auto -go-gc-addrspace -passes='default<O2>' -S %s | opt -passes=verify -disable-output
; With -go-gc-addrspace, -go-auto puts go-gc-addrspace at the start of
; default<O2> (after go-safe-getg) and go-gc-addrspace<sink-casts> right
; before go-statepoints.
target triple = "x86_64-unknown-linux-gnu"

; PIPE: {{^}}annotation2metadata,forceattrs,go-safe-getg,go-gc-addrspace,inferattrs,
; PIPE-SAME: ,go-prepare-gc,go-gc-roots,go-gc-addrspace<sink-casts>,go-statepoints,globaldce,
; CHECK: target datalayout = "{{.*}}ni:1"
; CHECK-LABEL: define {{.*}}@main.f(ptr addrspace(1) nest{{.*}} gc "go" {
define i64 @main.f(ptr nest %nest, i64 %x) "split-stack" {
  %r = add i64 %x, 1
  ret i64 %r
}
