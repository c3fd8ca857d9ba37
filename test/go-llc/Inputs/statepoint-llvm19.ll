; A gc.statepoint in the form LLVM 15 and later require (the callee's type
; in an elementtype attribute): LLVM 19 reads it, so go-llc must too.
target triple = "x86_64-unknown-linux-gnu"

declare void @callee()
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)

define void @caller() gc "statepoint-example" {
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 0, i32 0, ptr elementtype(void ()) @callee, i32 0, i32 0, i32 0, i32 0)
  ret void
}
