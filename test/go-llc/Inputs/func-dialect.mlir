// Not the LLVM dialect: func.func is not accepted.
func.func @f() {
  return
}
