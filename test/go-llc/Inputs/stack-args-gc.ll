; stack-args.ll's call in a gc "go" function: codegen of this module turns
; x86's call-frame optimization off for the process (the go_stackmap
; printer), so the stack arguments are stored, not pushed.
target triple = "x86_64-unknown-linux-gnu"

declare i64 @callee(i64, i64, i64, i64, i64, i64, i64, i64, i64)

define i64 @caller(i64 %x) gc "go" {
  %r = call i64 @callee(i64 %x, i64 1, i64 2, i64 3, i64 4, i64 5, i64 6,
                        i64 7, i64 8)
  %s = add i64 %r, 1
  ret i64 %s
}
