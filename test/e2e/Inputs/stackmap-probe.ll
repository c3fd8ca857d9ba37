; Gollvm-style IR for stackmap-probe.go: two heap pointers (%p from Go, %x
; from runtime.newobject) are live across the call to the C helper
; gollc_test_probe, so go-llc's lowering must spill both and describe the
; slots in the go_stackmap entry for that call's return address.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@main.node..d = external global i8

define i64 @main.probe(ptr nest %nest, ptr %p) #0 {
entry:
  %x = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %xv = getelementptr inbounds i8, ptr %x, i64 8
  store i64 2, ptr %xv, align 8
  %r = call i64 @gollc_test_probe(ptr %p, ptr %x)
  %pv = getelementptr inbounds i8, ptr %p, i64 8
  %a = load i64, ptr %pv, align 8
  %b = load i64, ptr %xv, align 8
  %s = add i64 %a, %b
  %t = add i64 %s, %r
  ret i64 %t
}

declare ptr @runtime.newobject(ptr nest, ptr)
declare i64 @gollc_test_probe(ptr, ptr)

attributes #0 = { null_pointer_is_valid "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" }
