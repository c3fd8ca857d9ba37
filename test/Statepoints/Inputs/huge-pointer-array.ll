; 16 MiB of pointers on the stack: one run of pointer words.
target triple = "x86_64-pc-linux-gnu"
declare void @use(ptr)
define void @g() {
  %huge = alloca [2097152 x ptr], align 8
  call void @use(ptr %huge)
  ret void
}
