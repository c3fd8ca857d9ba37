; A module without gc "go" functions (with -gc=none) whose call passes three
; words on the stack: x86's call-frame optimization pushes them when it is
; on, and the go_stackmap printer turns it off for modules with gc "go"
; functions. test/go-llc/several-inputs.test compiles it after such a module.
target triple = "x86_64-unknown-linux-gnu"

declare i64 @callee(i64, i64, i64, i64, i64, i64, i64, i64, i64)

define i64 @caller(i64 %x) {
  %r = call i64 @callee(i64 %x, i64 1, i64 2, i64 3, i64 4, i64 5, i64 6,
                        i64 7, i64 8)
  %s = add i64 %r, 1
  ret i64 %s
}
