; A pointer 2 GiB into a stack object: more than a stack map can describe.
target triple = "x86_64-pc-linux-gnu"
declare void @use(ptr)
define void @g() {
  %huge = alloca { [2147483648 x i8], ptr }, align 8
  call void @use(ptr %huge)
  ret void
}
