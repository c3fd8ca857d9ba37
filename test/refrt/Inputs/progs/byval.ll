; Class: byval arguments holding pointers.
;
;   type pair struct { n *node; k int }
;   //go:noinline
;   func take(b pair) int { _ = new(node); _ = new(node); return b.n.val + b.k }
;   for i := 0; i < 50; i++ { h := &pair{&node{val: i}, 1}; sum += take(*h) }
;
; with the pair passed byval (copied by the call from the heap object %h,
; which is dead after the call). During take's allocations the only path to
; the node is the callee's byval copy (and %h, until the call).
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%_type.0 = type { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }
%main.pair = type { ptr, i64 }

@main.node..gcdata = private constant [1 x i8] c"\01"
@main.node..d = constant %_type.0 { i64 16, i64 8, i32 2, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.node..gcdata, ptr null, ptr null, ptr null }
@main.pair..d = constant %_type.0 { i64 16, i64 8, i32 3, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.node..gcdata, ptr null, ptr null, ptr null }

define i64 @main.take(ptr nest %nest.1, ptr byval(%main.pair) align 8 %b) #1 {
entry:
  %g1 = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %g2 = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %n = load ptr, ptr %b, align 8
  %n.val = getelementptr inbounds { ptr, i64 }, ptr %n, i32 0, i32 1
  %v = load i64, ptr %n.val, align 8
  %k.addr = getelementptr inbounds %main.pair, ptr %b, i32 0, i32 1
  %k = load i64, ptr %k.addr, align 8
  %r = add i64 %v, %k
  ret i64 %r
}

define void @main.main(ptr nest %nest.0) #0 {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %sum = phi i64 [ 0, %entry ], [ %sum.next, %loop ]
  %h = call ptr @runtime.newobject(ptr nest undef, ptr @main.pair..d)
  %n = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %n.val = getelementptr inbounds { ptr, i64 }, ptr %n, i32 0, i32 1
  store i64 %i, ptr %n.val, align 8
  store ptr %n, ptr %h, align 8
  %h.k = getelementptr inbounds %main.pair, ptr %h, i32 0, i32 1
  store i64 1, ptr %h.k, align 8
  %r = call i64 @main.take(ptr nest undef, ptr byval(%main.pair) align 8 %h)
  %sum.next = add i64 %sum, %r
  %i.next = add nuw nsw i64 %i, 1
  %more = icmp ult i64 %i.next, 50
  br i1 %more, label %loop, label %done

done:
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
