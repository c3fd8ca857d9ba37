; A small Gollvm-style module (first parameter `ptr nest`, "split-stack")
; shared by the driver tests.
target triple = "x86_64-unknown-linux-gnu"

declare ptr @runtime.newobject(ptr nest, ptr)

define i64 @main.twice(ptr nest %nest, i64 %x) #0 {
entry:
  %r = shl i64 %x, 1
  ret i64 %r
}

define ptr @main.box(ptr nest %nest, ptr %type) #0 {
entry:
  %o = call ptr @runtime.newobject(ptr nest undef, ptr %type)
  ret ptr %o
}

attributes #0 = { "split-stack" "frame-pointer"="none" }
