; RUN: opt %loadgo -go-auto -passes='default<O2>' -S %s | FileCheck %s --check-prefix=AUTO
; RUN: opt %loadgo -go-auto -passes='default<O2>' -S %s | opt -passes=verify -disable-output
; RUN: opt %loadgo -passes='default<O2>' -S %s | FileCheck %s --check-prefix=PLAIN
; RUN: opt %loadgo -go-auto -passes='default<O2>' -print-pipeline-passes -disable-output %s | FileCheck %s --check-prefix=PIPE
; -go-auto appends the Go GC lowering to default<O2> at the optimizer-last
; extension point (after the optimizer, before the module cleanup); without
; it default<O2> is LLVM's alone.
target triple = "x86_64-unknown-linux-gnu"

; AUTO-LABEL: define {{.*}}@main.f({{.*}} gc "go" {
; PLAIN-LABEL: define {{.*}}@main.f(
; PLAIN-NOT: gc "go"
; PIPE: slp-vectorizer{{.*}}),go-prepare-gc,go-gc-roots,go-statepoints,globaldce,constmerge,cg-profile,rel-lookup-table-converter,function(annotation-remarks),verify{{$}}
define i64 @main.f(ptr nest %nest, i64 %x) "split-stack" {
  %r = add i64 %x, 1
  ret i64 %r
}
