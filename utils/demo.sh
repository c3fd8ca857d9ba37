#!/usr/bin/env bash
#===- utils/demo.sh - Compile the bundled example and show what happened ---===#
#
# Compiles examples/list.ll (a Gollvm-style Go package) with go-llc, with the
# Go GC lowering and preemption checks on, and prints the pipeline it ran, the
# optimizer's inlining and vectorization remarks, the lowering's remarks, the
# IR after the Go lowering, the go_stackmap table of the object (every call
# site with the stack words that hold live pointers) and the object's symbols
# and sections. Run through `make demo`.
#
#   utils/demo.sh [build-dir]
#
#===----------------------------------------------------------------------===#
set -euo pipefail
# --help prints the header above and does nothing else.
if [[ ${1:-} == -h || ${1:-} == --help ]]; then
  awk 'NR == 1 || /^#===|Part of go-llc/ { next } !/^#/ { exit }
       { sub(/^# ?/, ""); if ($0 != "" || shown) print; shown = shown || $0 != "" }' "$0"
  exit 0
fi
cd "$(dirname "$0")/.."
build=${1:-build}
llvm_bin=/usr/lib/llvm-19/bin
gollc=$build/bin/go-llc
out=$build/demo
mkdir -p "$out"
flags=(-O2 -gc=go -preempt=entry,backedge)

run() { echo "\$ $(printf '%q ' "$@")"; "$@"; }

echo "== The IR pipeline go-llc runs"
run "$gollc" "${flags[@]}" -print-pipeline
echo
echo "== Compile to an object file, with the optimizer's inlining and"
echo "== vectorization decisions and the Go lowering's (optimization remarks)"
run "$gollc" "${flags[@]}" -filetype=obj \
  -pass-remarks='inline|loop-vectorize|go-preempt|go-statepoints' \
  examples/list.ll -o "$out/list.o"
echo
echo "== The IR after optimization and Go GC lowering (functions only)"
"$gollc" "${flags[@]}" -emit-llvm examples/list.ll -o "$out/list.opt.ll"
grep -E '^(define|declare)' "$out/list.opt.ll"
echo
echo "== The go_stackmap table: per call site, the stack words holding live pointers"
run "$build/bin/go-stackmap-dump" --verify "$out/list.o"
echo
echo "== Symbols of $out/list.o"
run "$llvm_bin/llvm-nm" "$out/list.o"
echo
echo "== Sections of $out/list.o"
"$llvm_bin/llvm-readelf" -S -W "$out/list.o" | grep -E '^\s+\[' 
