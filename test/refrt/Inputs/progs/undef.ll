; Class: undef pointer fields live across calls.
;
; main.dirty leaves a heap pointer in every word of a large stack region and
; returns; the first collection in main.h frees that object (nothing refers
; to it any more; it has a size class of its own, so its slot is not reused). main.h runs in the same stack region with an interface value
; {type, data} whose type word was never written (insertvalue undef, as
; Gollvm at -O0, TinyGo and llgo emit), live across allocations in another
; block: if its never-written spill slot were marked, the stale pointer to
; the freed object would be scanned.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%_type.0 = type { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }

@main.node..gcdata = private constant [1 x i8] c"\01"
@main.node..d = constant %_type.0 { i64 16, i64 8, i32 2, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.node..gcdata, ptr null, ptr null, ptr null }
@main.big..d = constant %_type.0 { i64 96, i64 0, i32 4, i8 0, i8 8, i8 8, i8 17, ptr null, ptr null, ptr null, ptr null, ptr null }

define void @main.sink(ptr nest %nest.2, ptr %p) #1 {
entry:
  ret void
}

define void @main.dirty(ptr nest %nest.1) #1 {
entry:
  %arr = alloca [256 x ptr], align 8, !go_addrtaken !0
  %o = call ptr @runtime.newobject(ptr nest undef, ptr @main.big..d)
  br label %fill

fill:
  %k = phi i64 [ 0, %entry ], [ %k.next, %fill ]
  %slot = getelementptr inbounds [256 x ptr], ptr %arr, i64 0, i64 %k
  store ptr %o, ptr %slot, align 8
  %k.next = add nuw nsw i64 %k, 1
  %more = icmp ult i64 %k.next, 256
  br i1 %more, label %fill, label %done

done:
  call void @main.sink(ptr nest undef, ptr %arr)
  ret void
}

define i64 @main.h(ptr nest %nest.3, i64 %x) #1 {
entry:
  %d = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %d.val = getelementptr inbounds { ptr, i64 }, ptr %d, i32 0, i32 1
  store i64 %x, ptr %d.val, align 8
  %iface = insertvalue { ptr, ptr } undef, ptr %d, 1
  %c = icmp sgt i64 %x, 0
  br i1 %c, label %work, label %done

work:
  %g1 = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %g2 = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  br label %done

done:
  %data = extractvalue { ptr, ptr } %iface, 1
  %typ = extractvalue { ptr, ptr } %iface, 0
  %v.addr = getelementptr inbounds { ptr, i64 }, ptr %data, i32 0, i32 1
  %v = load i64, ptr %v.addr, align 8
  ret i64 %v
}

define void @main.main(ptr nest %nest.0) #0 {
entry:
  br label %loop

loop:
  %i = phi i64 [ 1, %entry ], [ %i.next, %loop ]
  %sum = phi i64 [ 0, %entry ], [ %sum.next, %loop ]
  %g = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  call void @main.dirty(ptr nest undef)
  %r = call i64 @main.h(ptr nest undef, i64 %i)
  %sum.next = add i64 %sum, %r
  %i.next = add nuw nsw i64 %i, 1
  %more = icmp ule i64 %i.next, 20
  br i1 %more, label %loop, label %out

out:
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

!0 = !{}
