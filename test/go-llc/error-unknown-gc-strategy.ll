; RUN: rm -f %t.o
; RUN: %{go-llc-error} -filetype=obj %s -o %t.o \
; RUN:   | FileCheck %s -DFILE=%s
; RUN: not test -e %t.o
; RUN: %{go-llc-error} -gc=go -O0 -filetype=obj %s \
; RUN:   -o %t.o | FileCheck %s -DFILE=%s
; RUN: not test -e %t.o
; A gc strategy name nobody registered is an error naming the function and
; the strategy, with -gc=none and -gc=go alike (go-prepare-gc keeps an
; explicit gc attribute), not codegen's bare "unsupported GC".

; CHECK: go-llc: error: [[FILE]]: function 'main.f': unknown GC strategy 'no-such-gc' (known: {{.*}}go{{.*}})

define void @main.f(ptr nest %closure) gc "no-such-gc" {
entry:
  ret void
}
