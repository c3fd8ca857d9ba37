target triple = "x86_64-unknown-linux-gnu"

define void @main.add1(i8* nest %nest, i64* %p) "split-stack" {
  %v = load i64, i64* %p, align 8
  %v1 = add i64 %v, 1
  store i64 %v1, i64* %p, align 8
  ret void
}
