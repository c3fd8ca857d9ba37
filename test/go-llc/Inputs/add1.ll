target triple = "x86_64-unknown-linux-gnu"

define void @main.add1(ptr nest %nest, ptr %p) "split-stack" {
  %v = load i64, ptr %p, align 8
  %v1 = add i64 %v, 1
  store i64 %v1, ptr %p, align 8
  ret void
}
