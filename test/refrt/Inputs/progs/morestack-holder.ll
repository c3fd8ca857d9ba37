; Gollvm-style IR, the package half that holds a pointer across a call
; (linked with morestack-main.ll):
;
;   func holder() int {
;     x := &node{val: 42}
;     w := work()     // a 64 KiB frame: always runs on a new stack segment
;     return x.val + w - 1   // 42: x is live in holder's frame, below
;   }                        // __morestack's
;
; test/refrt/stress-morestack-dropped-slot-fails.test compiles this file
; with -go-statepoints-drop-live-slot, which leaves x out of the map.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%_type.0 = type { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }
%main.node = type { ptr, i64 }

@main.node..d = external constant %_type.0

define i64 @main.holder(ptr nest %nest.0) #1 {
entry:
  %x = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %val.p = getelementptr inbounds %main.node, ptr %x, i32 0, i32 1
  store i64 42, ptr %val.p, align 8
  %w = call i64 @main.work(ptr nest undef)
  %v = load i64, ptr %val.p, align 8
  %vw = add i64 %v, %w
  %r = sub i64 %vw, 1
  ret i64 %r
}

declare ptr @runtime.newobject(ptr, ptr)
declare i64 @main.work(ptr)

attributes #1 = { noinline "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
