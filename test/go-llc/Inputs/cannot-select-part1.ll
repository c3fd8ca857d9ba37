; Two functions for go-llc -codegen-threads=2: the larger, @big, goes into
; part 0 (code generated on go-llc's own thread), @f into part 1 (on a
; thread of its own), where instruction selection for AArch64 calls
; report_fatal_error ("Cannot select") on its x86 intrinsic.
define i64 @big(i64 %x0) {
  %x1 = mul i64 %x0, 3
  %x2 = mul i64 %x1, 4
  %x3 = mul i64 %x2, 5
  %x4 = mul i64 %x3, 6
  %x5 = mul i64 %x4, 7
  %x6 = mul i64 %x5, 8
  %x7 = mul i64 %x6, 9
  %x8 = mul i64 %x7, 10
  %x9 = mul i64 %x8, 11
  %x10 = mul i64 %x9, 12
  %x11 = mul i64 %x10, 13
  %x12 = mul i64 %x11, 14
  %x13 = mul i64 %x12, 15
  %x14 = mul i64 %x13, 16
  %x15 = mul i64 %x14, 17
  %x16 = mul i64 %x15, 18
  %x17 = mul i64 %x16, 19
  %x18 = mul i64 %x17, 20
  %x19 = mul i64 %x18, 21
  %x20 = mul i64 %x19, 22
  %x21 = mul i64 %x20, 23
  %x22 = mul i64 %x21, 24
  %x23 = mul i64 %x22, 25
  %x24 = mul i64 %x23, 26
  ret i64 %x24
}

define void @f() {
  call void @llvm.x86.sse2.pause()
  ret void
}
declare void @llvm.x86.sse2.pause()
