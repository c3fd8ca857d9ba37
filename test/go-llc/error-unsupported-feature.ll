; RUN: rm -f %t.o
; RUN: %{go-llc-error} -gc=go -filetype=obj %s \
; RUN:   -o %t.o | FileCheck %s -DFILE=%s
; RUN: not test -e %t.o
; A function whose personality is not a function passes the verifier but
; cannot be lowered: the error names the function instead of crashing in
; codegen.

; CHECK: go-llc: error: [[FILE]]: function 'main.throws': personality is not a function

@not.a.function = global i32 0

declare void @main.may_panic(ptr nest)

define void @main.throws(ptr nest %closure) personality ptr @not.a.function {
entry:
  invoke void @main.may_panic(ptr nest undef)
          to label %cont unwind label %lpad
cont:
  ret void
lpad:
  %lp = landingpad { ptr, i32 }
          cleanup
  resume { ptr, i32 } %lp
}
