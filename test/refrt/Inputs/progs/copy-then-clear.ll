; A Go program in Gollvm's conventions whose only reference to an object
; lives, at -O2 without go-gc-addrspace, in an integer register across an
; allocation:
;
;   type T struct { val int }
;   type W struct { p *T }
;   func copyW(dst, src *W) { *dst = *src }   // an 8-byte memcpy, inlined
;   //go:noinline
;   func take(h *W, c bool) int {
;     var w W
;     copyW(&w, h)
;     h.p = nil                     // the object is reachable from w only
;     for i := 0; i < 100; i++ { _ = new(T) }   // collections under stress
;     if c { return w.p.val }
;     return 0
;   }
;   func main() {
;     sum := 0
;     for i := 0; i < 50; i++ {
;       h := &W{p: &T{val: i}}
;       sum += take(h, true)
;     }
;     println(sum)                  // 1225
;   }
;
; InstCombine turns copyW's memcpy into an i64 load and store; after inlining
; SROA promotes w and the pointer travels as that i64 until the inttoptr in
; the `c` branch, past every newobject call.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%_type.0 = type { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }
%main.T = type { i64 }
%main.W = type { ptr }

@main.T..gcdata = private constant [1 x i8] c"\00"
@main.T..d = constant %_type.0 { i64 8, i64 0, i32 101, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.T..gcdata, ptr null, ptr null, ptr null }
@main.W..gcdata = private constant [1 x i8] c"\01"
@main.W..d = constant %_type.0 { i64 8, i64 8, i32 102, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.W..gcdata, ptr null, ptr null, ptr null }

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define void @main.copyW(ptr nest %nest.0, ptr %dst, ptr %src) #0 {
entry:
  call void @llvm.memcpy.p0.p0.i64(ptr %dst, ptr %src, i64 8, i1 false)
  ret void
}

define i64 @main.take(ptr nest %nest.1, ptr %h, i1 %c) #1 {
entry:
  %w = alloca %main.W, align 8
  call void @main.copyW(ptr nest undef, ptr %w, ptr %h)
  store ptr null, ptr %h, align 8
  br label %churn

churn:
  %i = phi i64 [ 0, %entry ], [ %i.next, %churn ]
  %g = call ptr @runtime.newobject(ptr nest undef, ptr @main.T..d)
  store i64 -1, ptr %g, align 8
  %i.next = add nsw i64 %i, 1
  %more = icmp slt i64 %i.next, 100
  br i1 %more, label %churn, label %churned

churned:
  br i1 %c, label %use, label %done

use:
  %p = load ptr, ptr %w, align 8
  %v = load i64, ptr %p, align 8
  ret i64 %v

done:
  ret i64 0
}

define void @main.main(ptr nest %nest.2) #0 {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %sum = phi i64 [ 0, %entry ], [ %sum.next, %loop ]
  %t = call ptr @runtime.newobject(ptr nest undef, ptr @main.T..d)
  store i64 %i, ptr %t, align 8
  %h = call ptr @runtime.newobject(ptr nest undef, ptr @main.W..d)
  store ptr %t, ptr %h, align 8
  %v = call i64 @main.take(ptr nest undef, ptr %h, i1 true)
  %sum.next = add nsw i64 %sum, %v
  %i.next = add nsw i64 %i, 1
  %more = icmp slt i64 %i.next, 50
  br i1 %more, label %loop, label %exit

exit:
  call void @runtime.printlock(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %sum.next)
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
