; Gollvm-style IR, the other half of morestack-holder.ll:
;
;   type node struct { next *node; val int }
;   func work() int {
;     var buf [8192]int                  // 64 KiB: the split-stack prologue
;     fill(&buf)                         // always calls __morestack
;     for i := 0; i < 30; i++ { _ = new(node) }   // collects under stress
;     return buf[0]                      // 1
;   }
;   func main() { println(holder()) }    // 42
;
; Under REFRT_STRESS the collections in work walk work's frame (on its own
; segment), __morestack's frame, then holder's frame on the old segment.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%_type.0 = type { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }
%main.node = type { ptr, i64 }

@main.node..gcdata = private constant [1 x i8] c"\01"
@main.node..d = constant %_type.0 { i64 16, i64 8, i32 12345, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.node..gcdata, ptr null, ptr null, ptr null }

define void @main.fill(ptr nest %nest.0, ptr %buf) #1 {
entry:
  store i64 1, ptr %buf, align 8
  ret void
}

define i64 @main.work(ptr nest %nest.1) #1 {
entry:
  %buf = alloca [8192 x i64], align 8
  call void @main.fill(ptr nest undef, ptr %buf)
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %g = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %i.next = add nsw i64 %i, 1
  %more = icmp slt i64 %i.next, 30
  br i1 %more, label %loop, label %done

done:
  %b0 = load i64, ptr %buf, align 8
  ret i64 %b0
}

define void @main.main(ptr nest %nest.2) #0 {
entry:
  %r = call i64 @main.holder(ptr nest undef)
  call void @runtime.printlock(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %r)
  call void @runtime.printnl(ptr nest undef)
  call void @runtime.printunlock(ptr nest undef)
  ret void
}

declare i64 @main.holder(ptr)
declare ptr @runtime.newobject(ptr, ptr)
declare void @runtime.printlock(ptr)
declare void @runtime.printunlock(ptr)
declare void @runtime.printint(ptr, i64)
declare void @runtime.printnl(ptr)

attributes #0 = { "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
attributes #1 = { noinline "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
