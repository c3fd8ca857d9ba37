; Class: a pointer stored into a typed stack object at a variable index.
;
;   var a struct { tag int; p [4]*node }
;   a.tag = 0x123457             // an odd integer: never a pointer
;   for i := 0; i < 4; i++ { a.p[i] = &node{val: i + 1} }
;   println(use(&a))             // use allocates, then sums a.tag + the vals
;
; The store a.p[i] = ... has a variable index; the map must mark exactly the
; four pointer words of `a`, never its integer word (the checker rejects a
; marked word holding 0x123457).
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%_type.0 = type { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }

@main.node..gcdata = private constant [1 x i8] c"\01"
@main.node..d = constant %_type.0 { i64 16, i64 8, i32 2, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.node..gcdata, ptr null, ptr null, ptr null }

define void @main.main(ptr nest %nest.0) #0 {
entry:
  %a = alloca { i64, [4 x ptr] }, align 8, !go_addrtaken !0
  store i64 1193047, ptr %a, align 8
  br label %fill

fill:
  %i = phi i64 [ 0, %entry ], [ %i.next, %fill ]
  %n = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %i1 = add i64 %i, 1
  %n.val = getelementptr inbounds { ptr, i64 }, ptr %n, i32 0, i32 1
  store i64 %i1, ptr %n.val, align 8
  %slot = getelementptr inbounds { i64, [4 x ptr] }, ptr %a, i64 0, i32 1, i64 %i
  store ptr %n, ptr %slot, align 8
  %g = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %i.next = add nuw nsw i64 %i, 1
  %more = icmp ult i64 %i.next, 4
  br i1 %more, label %fill, label %filled

filled:
  %r = call i64 @main.use(ptr nest undef, ptr %a)
  call void @runtime.printlock(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %r)
  call void @runtime.printnl(ptr nest undef)
  call void @runtime.printunlock(ptr nest undef)
  ret void
}

define i64 @main.use(ptr nest %nest.1, ptr %a) #1 {
entry:
  br label %loop

loop:
  %k = phi i64 [ 0, %entry ], [ %k.next, %loop ]
  %acc = phi i64 [ 0, %entry ], [ %acc.next, %loop ]
  %g = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %slot = getelementptr inbounds { i64, [4 x ptr] }, ptr %a, i64 0, i32 1, i64 %k
  %n = load ptr, ptr %slot, align 8
  %n.val = getelementptr inbounds { ptr, i64 }, ptr %n, i32 0, i32 1
  %v = load i64, ptr %n.val, align 8
  %acc.next = add i64 %acc, %v
  %k.next = add nuw nsw i64 %k, 1
  %more = icmp ult i64 %k.next, 4
  br i1 %more, label %loop, label %done

done:
  %tag = load i64, ptr %a, align 8
  %r = add i64 %acc.next, %tag
  ret i64 %r
}

declare ptr @runtime.newobject(ptr, ptr)
declare void @runtime.printlock(ptr)
declare void @runtime.printunlock(ptr)
declare void @runtime.printint(ptr, i64)
declare void @runtime.printnl(ptr)

attributes #0 = { "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
attributes #1 = { noinline "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }

!0 = !{}
