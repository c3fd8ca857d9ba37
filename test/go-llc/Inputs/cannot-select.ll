; An x86 intrinsic compiled for AArch64: instruction selection calls
; report_fatal_error ("Cannot select").
define void @f() {
  call void @llvm.x86.sse2.pause()
  ret void
}
declare void @llvm.x86.sse2.pause()
