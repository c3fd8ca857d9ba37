; Gollvm-style IR for:
;
;   type node struct { next *node; val int }
;   func rec(d int) int {
;     n := &node{val: d}                // allocates: collects under stress
;     if d == 0 { return 1 }
;     r := rec(d - 1)                   // n live across the call, in every
;     return (r*7 + n.val) % 1000003    // frame, on every stack segment;
;   }                                   // only that frame keeps it
;   func main() { println(rec(3000)) }  // 686870
;
; Every function is "split-stack": past libgcc's initial 16000-byte guard
; each prologue that does not fit calls __morestack, which runs the body on
; a new segment, so the recursion spans many segments and the collector's
; walk crosses a __morestack frame at each boundary.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%_type.0 = type { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }
%main.node = type { ptr, i64 }

@main.node..gcdata = private constant [1 x i8] c"\01"
@main.node..d = constant %_type.0 { i64 16, i64 8, i32 12345, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.node..gcdata, ptr null, ptr null, ptr null }

define i64 @main.rec(ptr nest %nest.0, i64 %d) #1 {
entry:
  %n = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %val.p = getelementptr inbounds %main.node, ptr %n, i32 0, i32 1
  store i64 %d, ptr %val.p, align 8
  %leaf = icmp eq i64 %d, 0
  br i1 %leaf, label %bottom, label %recurse

bottom:
  ret i64 1

recurse:
  %d1 = sub nsw i64 %d, 1
  %r = call i64 @main.rec(ptr nest undef, i64 %d1)
  %v = load i64, ptr %val.p, align 8
  %r7 = mul i64 %r, 7
  %s = add i64 %r7, %v
  %m = srem i64 %s, 1000003
  ret i64 %m
}

define void @main.main(ptr nest %nest.2) #0 {
entry:
  %r = call i64 @main.rec(ptr nest undef, i64 3000)
  call void @runtime.printlock(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %r)
  call void @runtime.printnl(ptr nest undef)
  call void @runtime.printunlock(ptr nest undef)
  ret void
}

declare ptr @runtime.newobject(ptr, ptr)
declare void @runtime.printlock(ptr)
declare void @runtime.printunlock(ptr)
declare void @runtime.printint(ptr, i64)
declare void @runtime.printnl(ptr)

attributes #0 = { "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
attributes #1 = { noinline "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
