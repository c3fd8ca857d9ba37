// The LLVM dialect counterpart of Inputs/gollvm.ll's main.twice.
module attributes {llvm.target_triple = "x86_64-unknown-linux-gnu"} {
  llvm.func @main.twice(%nest: !llvm.ptr {llvm.nest}, %x: i64) -> i64 {
    %c1 = llvm.mlir.constant(1 : i64) : i64
    %r = llvm.shl %x, %c1 : i64
    llvm.return %r : i64
  }
}
