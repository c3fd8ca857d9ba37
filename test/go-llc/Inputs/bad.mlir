module {
  llvm.func @f() -> i32 {
    %0 = llvm.mlir.constant(1 : i32) : i64
    llvm.return %0 : i32
  }
}
