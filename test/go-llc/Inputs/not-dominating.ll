define i64 @f(i64 %x) {
  %b = add i64 %a, 1
  %a = add i64 %x, 1
  ret i64 %b
}
