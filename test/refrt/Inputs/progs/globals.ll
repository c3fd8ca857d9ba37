; Gollvm-style IR whose live data is reachable only from globals between
; allocations: no pointer is live across a call, so stack maps play no part
; and the program is right under REFRT_STRESS exactly when its globals are
; registered as roots (by go-gc-roots: the module has no root list).
;
;   type node struct { next *node; val int }
;   var head *node
;   var spare [2]*node
;   func main() {
;     for i := 0; i < 500; i++ {
;       n := new(node); n.next = head; n.val = i; head = n
;       if i == 250 { m := new(node); m.val = 1000; spare[1] = m }
;     }
;     sum := 0
;     for p := head; p != nil; p = p.next { sum += p.val }
;     println(sum, spare[1].val)
;   }
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%_type.0 = type { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }
%main.node = type { ptr, i64 }

@main.node..gcdata = private constant [1 x i8] c"\01"
@main.node..d = constant %_type.0 { i64 16, i64 8, i32 12345, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.node..gcdata, ptr null, ptr null, ptr null }
@main.head = global ptr null
@main.spare = global [2 x ptr] zeroinitializer

define void @main.main(ptr nest %nest.0) #0 {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %next ]
  %n = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %h = load ptr, ptr @main.head, align 8
  store ptr %h, ptr %n, align 8
  %n.val = getelementptr inbounds %main.node, ptr %n, i32 0, i32 1
  store i64 %i, ptr %n.val, align 8
  store ptr %n, ptr @main.head, align 8
  %mid = icmp eq i64 %i, 250
  br i1 %mid, label %spare, label %next

spare:
  %m = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %m.val = getelementptr inbounds %main.node, ptr %m, i32 0, i32 1
  store i64 1000, ptr %m.val, align 8
  store ptr %m, ptr getelementptr inbounds ([2 x ptr], ptr @main.spare, i64 0, i64 1), align 8
  br label %next

next:
  %i.next = add i64 %i, 1
  %more = icmp slt i64 %i.next, 500
  br i1 %more, label %loop, label %walk.pre

walk.pre:
  %first = load ptr, ptr @main.head, align 8
  br label %walk

walk:
  %p = phi ptr [ %first, %walk.pre ], [ %p.next, %walk ]
  %sum = phi i64 [ 0, %walk.pre ], [ %sum.next, %walk ]
  %p.val.addr = getelementptr inbounds %main.node, ptr %p, i32 0, i32 1
  %p.val = load i64, ptr %p.val.addr, align 8
  %sum.next = add i64 %sum, %p.val
  %p.next = load ptr, ptr %p, align 8
  %end = icmp eq ptr %p.next, null
  br i1 %end, label %done, label %walk

done:
  %s = load ptr, ptr getelementptr inbounds ([2 x ptr], ptr @main.spare, i64 0, i64 1), align 8
  %s.val.addr = getelementptr inbounds %main.node, ptr %s, i32 0, i32 1
  %s.val = load i64, ptr %s.val.addr, align 8
  call void @runtime.printlock(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %sum.next)
  call void @runtime.printsp(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %s.val)
  call void @runtime.printnl(ptr nest undef)
  call void @runtime.printunlock(ptr nest undef)
  ret void
}

define void @__go_init_main(ptr nest %nest.1) #0 {
entry:
  ret void
}

declare ptr @runtime.newobject(ptr, ptr)
declare void @runtime.printlock(ptr)
declare void @runtime.printunlock(ptr)
declare void @runtime.printint(ptr, i64)
declare void @runtime.printsp(ptr)
declare void @runtime.printnl(ptr)

attributes #0 = { "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
