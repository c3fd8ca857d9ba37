; Gollvm-style IR for:
;
;   type node struct { next *node; val int }
;   func sum(xs []int64, keep *node) int64 {
;     var s int64
;     for _, x := range xs { s += x }      // vectorized at -O2; a poll on the
;     return s + keep.val                   // back edge, with xs.ptr, keep and
;   }                                       // the vector accumulators live
;   func main() {
;     xs := make([]int64, 20000)
;     for i := range xs { xs[i] = int64(i) }
;     keep := new(node); keep.val = 7
;     _ = make([]int64, 500)                // garbage: freed and poisoned
;     println(sum(xs, keep), len(xs))       // 199990007 20000
;   }
;
; With -mattr=+avx2 (or +avx512f) the accumulators are 256-bit (512-bit)
; vectors live across the poll's call, so LLVM realigns main.sum's stack:
; a frame of variable size (docs/StackMapFormat.md).
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%_type.0 = type { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }
%main.node = type { ptr, i64 }

@main.node..gcdata = private constant [1 x i8] c"\01"
@main.node..d = constant %_type.0 { i64 16, i64 8, i32 12345, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.node..gcdata, ptr null, ptr null, ptr null }
@int64..d = constant %_type.0 { i64 8, i64 0, i32 1, i8 0, i8 8, i8 8, i8 134, ptr null, ptr null, ptr null, ptr null, ptr null }

define i64 @main.sum(ptr nest %nest.0, ptr %xs.ptr, i64 %xs.len, i64 %xs.cap, ptr %keep) #1 {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %body ]
  %s = phi i64 [ 0, %entry ], [ %s.next, %body ]
  %done = icmp sge i64 %i, %xs.len
  br i1 %done, label %exit, label %body

body:
  %x.p = getelementptr inbounds i64, ptr %xs.ptr, i64 %i
  %x = load i64, ptr %x.p, align 8
  %s.next = add i64 %s, %x
  %i.next = add nsw i64 %i, 1
  br label %loop

exit:
  %kv.p = getelementptr inbounds %main.node, ptr %keep, i32 0, i32 1
  %kv = load i64, ptr %kv.p, align 8
  %r = add i64 %s, %kv
  ret i64 %r
}

define void @main.main(ptr nest %nest.1) #0 {
entry:
  %xs = call ptr @runtime.makeslice(ptr nest undef, ptr @int64..d, i64 20000, i64 20000)
  br label %fill

fill:
  %i = phi i64 [ 0, %entry ], [ %i.next, %fill ]
  %slot = getelementptr inbounds i64, ptr %xs, i64 %i
  store i64 %i, ptr %slot, align 8
  %i.next = add nsw i64 %i, 1
  %more = icmp slt i64 %i.next, 20000
  br i1 %more, label %fill, label %filled

filled:
  %keep = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %kv.p = getelementptr inbounds %main.node, ptr %keep, i32 0, i32 1
  store i64 7, ptr %kv.p, align 8
  %junk = call ptr @runtime.makeslice(ptr nest undef, ptr @int64..d, i64 500, i64 500)
  %r = call i64 @main.sum(ptr nest undef, ptr %xs, i64 20000, i64 20000, ptr %keep)
  call void @runtime.printlock(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %r)
  call void @runtime.printsp(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 20000)
  call void @runtime.printnl(ptr nest undef)
  call void @runtime.printunlock(ptr nest undef)
  ret void
}

declare ptr @runtime.makeslice(ptr, ptr, i64, i64)
declare ptr @runtime.newobject(ptr, ptr)
declare void @runtime.printlock(ptr)
declare void @runtime.printunlock(ptr)
declare void @runtime.printint(ptr, i64)
declare void @runtime.printsp(ptr)
declare void @runtime.printnl(ptr)

attributes #0 = { "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
attributes #1 = { noinline "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
