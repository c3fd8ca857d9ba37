; A Go program in Gollvm's conventions:
;
;   type node struct { next *node; val int }
;   var keep *node   // a global root
;   func main() {
;     var head *node
;     for i := 0; i < 2000; i++ {
;       n := &node{next: head, val: i}
;       _ = &node{val: -1}          // garbage, collected under stress
;       head = n
;     }
;     keep = &node{val: 7}
;     sum, cnt := 0, 0
;     for p := head; p != nil; p = p.next { sum += p.val * (cnt + 1); cnt++ }
;     println(cnt, sum, keep.val)
;   }
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%_type.0 = type { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }
%main.node = type { ptr, i64 }

@main.node..gcdata = private constant [1 x i8] c"\01"
@main.node..d = constant %_type.0 { i64 16, i64 8, i32 12345, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.node..gcdata, ptr null, ptr null, ptr null }
@main.keep = global ptr null

define void @main.main(ptr nest %nest.0) #0 {
entry:
  br label %build

build:
  %i = phi i64 [ 0, %entry ], [ %i.next, %build ]
  %head = phi ptr [ null, %entry ], [ %n, %build ]
  %n = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  store ptr %head, ptr %n, align 8
  %n.val = getelementptr inbounds %main.node, ptr %n, i32 0, i32 1
  store i64 %i, ptr %n.val, align 8
  %g = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %g.val = getelementptr inbounds %main.node, ptr %g, i32 0, i32 1
  store i64 -1, ptr %g.val, align 8
  %i.next = add nsw i64 %i, 1
  %more = icmp slt i64 %i.next, 2000
  br i1 %more, label %build, label %built

built:
  %k = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %k.val = getelementptr inbounds %main.node, ptr %k, i32 0, i32 1
  store i64 7, ptr %k.val, align 8
  store ptr %k, ptr @main.keep, align 8
  br label %walk

walk:
  %p = phi ptr [ %n, %built ], [ %p.next, %walk ]
  %sum = phi i64 [ 0, %built ], [ %sum.next, %walk ]
  %cnt = phi i64 [ 0, %built ], [ %cnt.next, %walk ]
  %p.val.addr = getelementptr inbounds %main.node, ptr %p, i32 0, i32 1
  %p.val = load i64, ptr %p.val.addr, align 8
  %cnt.next = add nsw i64 %cnt, 1
  %w = mul nsw i64 %p.val, %cnt.next
  %sum.next = add nsw i64 %sum, %w
  %p.next = load ptr, ptr %p, align 8
  %end = icmp eq ptr %p.next, null
  br i1 %end, label %done, label %walk

done:
  %kp = load ptr, ptr @main.keep, align 8
  %kv.addr = getelementptr inbounds %main.node, ptr %kp, i32 0, i32 1
  %kv = load i64, ptr %kv.addr, align 8
  call void @runtime.printlock(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %cnt.next)
  call void @runtime.printsp(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %sum.next)
  call void @runtime.printsp(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %kv)
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
