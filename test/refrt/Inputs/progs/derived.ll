; Class: a derived pointer outside its object is the only one live.
;
;   s := new([64]int); for k := range s { s[k] = k }
;   sum := 0
;   for i := 1; i <= 64; i++ { _ = new(node); sum += s[i-1] }
;   println(sum)
;
; written as the optimizer leaves it: `s - 8` is computed once before the
; loop and the loop reads through it, so %s is dead in the loop and only
; the out-of-object %d (and, with the pointer walk, %p) is live across the
; allocating call. The stack map must record %s.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%_type.0 = type { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }

@main.arr..d = constant %_type.0 { i64 512, i64 0, i32 1, i8 0, i8 8, i8 8, i8 17, ptr null, ptr null, ptr null, ptr null, ptr null }
@main.node..gcdata = private constant [1 x i8] c"\01"
@main.node..d = constant %_type.0 { i64 16, i64 8, i32 2, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.node..gcdata, ptr null, ptr null, ptr null }

define void @main.main(ptr nest %nest.0) #0 {
entry:
  %s = call ptr @runtime.newobject(ptr nest undef, ptr @main.arr..d)
  br label %fill

fill:
  %k = phi i64 [ 0, %entry ], [ %k.next, %fill ]
  %slot = getelementptr inbounds i64, ptr %s, i64 %k
  store i64 %k, ptr %slot, align 8
  %k.next = add nuw nsw i64 %k, 1
  %fill.more = icmp ult i64 %k.next, 64
  br i1 %fill.more, label %fill, label %filled

filled:
  %d = getelementptr i8, ptr %s, i64 -8
  br label %loop

loop:
  %i = phi i64 [ 1, %filled ], [ %i.next, %loop ]
  %p = phi ptr [ %d, %filled ], [ %p.next, %loop ]
  %sum = phi i64 [ 0, %filled ], [ %sum.next, %loop ]
  %g = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %addr = getelementptr i64, ptr %d, i64 %i
  %v = load i64, ptr %addr, align 8
  %p.next = getelementptr i8, ptr %p, i64 8
  %w = load i64, ptr %p.next, align 8
  %vw = add i64 %v, %w
  %sum.next = add i64 %sum, %vw
  %i.next = add nuw nsw i64 %i, 1
  %more = icmp ule i64 %i.next, 64
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
