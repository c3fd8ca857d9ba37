; RUN: rm -f %t.o
; RUN: %python %S/Inputs/check-error.py go-llc -filetype=obj %s -o %t.o \
; RUN:   | FileCheck %s -DFILE=%s
; RUN: not test -e %t.o
; IR that parses but fails verification names the function and the value.

; CHECK: go-llc: error: [[FILE]]: function 'main.broken': invalid module: Instruction does not dominate all uses!: %y = add i64 %x, 1

define i64 @main.fine(ptr nest %closure, i64 %a) {
entry:
  ret i64 %a
}

define i64 @main.broken(ptr nest %closure, i64 %a) {
entry:
  %x = add i64 %y, 1
  %y = add i64 %x, 1
  ret i64 %x
}
