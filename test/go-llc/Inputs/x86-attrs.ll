; A Gollvm function with the x86-64 attributes llvm-goc writes on every
; function.
define i64 @main.add1(ptr nest %nest, i64 %x) #0 {
  %r = add i64 %x, 1
  ret i64 %r
}

attributes #0 = { "split-stack" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" }
