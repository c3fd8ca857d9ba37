; RUN: opt %loadgo -go-auto -passes='default<O2>' -S %s | FileCheck %s --check-prefix=AUTO
; RUN: opt %loadgo -go-auto -passes='default<O2>' -S %s | opt -passes=verify -disable-output
; RUN: opt %loadgo -passes='default<O2>' -S %s | FileCheck %s --check-prefix=PLAIN
; RUN: opt %loadgo -go-auto -passes='default<O2>' -print-pipeline-passes -disable-output %s | FileCheck %s --check-prefix=PIPE
; -go-auto puts go-gc-addrspace at the start of default<O2> and appends the
; Go GC lowering at the optimizer-last extension point (after the optimizer,
; before the module cleanup); without it default<O2> is LLVM's alone.
target triple = "x86_64-unknown-linux-gnu"

; AUTO-LABEL: define {{.*}}@main.f(ptr addrspace(1) nest{{.*}} gc "go" {
; PLAIN-LABEL: define {{.*}}@main.f(
; PLAIN-NOT: gc "go"
; PIPE: {{^}}annotation2metadata,forceattrs,go-safe-getg,go-gc-addrspace,inferattrs,
; PIPE-SAME: slp-vectorizer{{.*}}),go-prepare-gc,go-gc-roots,function(go-nil-checks),go-gc-addrspace<sink-casts>,go-statepoints,globaldce,constmerge,cg-profile,rel-lookup-table-converter,function(annotation-remarks),verify{{$}}
define i64 @main.f(ptr nest %nest, i64 %x) "split-stack" {
  %r = add i64 %x, 1
  ret i64 %r
}
