; Gollvm-style IR for a closure: the closure object {descriptor, captured}
; is allocated on the heap and reaches the function body only through the
; nest parameter, which must stay a root while the body allocates.
;
;   func main() {
;     c := &node{val: 5}
;     f := func() int {
;       s := 0
;       for i := 0; i < 20; i++ { x := &node{val: i}; s += x.val + c.val }
;       return s
;     }
;     churn(10)                      // the closure is live across this call
;     println(f(), f())
;   }
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%_type.0 = type { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }
%main.node = type { ptr, i64 }

@main.node..gcdata = private constant [1 x i8] c"\01"
@main.node..d = constant %_type.0 { i64 16, i64 8, i32 12345, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.node..gcdata, ptr null, ptr null, ptr null }
%main.closure = type { ptr, ptr }

@main.closure..gcdata = private constant [1 x i8] c"\03"
@main.closure..d = constant %_type.0 { i64 16, i64 16, i32 99, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.closure..gcdata, ptr null, ptr null, ptr null }
@main.main..func1..f = constant { ptr } { ptr @main.main..func1 }

define internal i64 @main.main..func1(ptr nest %closure) #1 {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %s = phi i64 [ 0, %entry ], [ %s.next, %loop ]
  %x = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %x.val = getelementptr inbounds %main.node, ptr %x, i32 0, i32 1
  store i64 %i, ptr %x.val, align 8
  %c.addr = getelementptr inbounds %main.closure, ptr %closure, i32 0, i32 1
  %c = load ptr, ptr %c.addr, align 8
  %c.val.addr = getelementptr inbounds %main.node, ptr %c, i32 0, i32 1
  %c.val = load i64, ptr %c.val.addr, align 8
  %xv = load i64, ptr %x.val, align 8
  %t = add i64 %xv, %c.val
  %s.next = add i64 %s, %t
  %i.next = add i64 %i, 1
  %more = icmp slt i64 %i.next, 20
  br i1 %more, label %loop, label %done

done:
  ret i64 %s.next
}

; churn allocates n garbage nodes: every call is a collection under stress.
define void @main.churn(ptr nest %nest.c, i64 %n) #1 {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %g = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %g.val = getelementptr inbounds %main.node, ptr %g, i32 0, i32 1
  store i64 -1, ptr %g.val, align 8
  %i.next = add i64 %i, 1
  %more = icmp slt i64 %i.next, %n
  br i1 %more, label %loop, label %done

done:
  ret void
}

define void @main.main(ptr nest %nest.1) #0 {
entry:
  %c = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %c.val = getelementptr inbounds %main.node, ptr %c, i32 0, i32 1
  store i64 5, ptr %c.val, align 8
  %clo = call ptr @runtime.newobject(ptr nest undef, ptr @main.closure..d)
  store ptr @main.main..func1..f, ptr %clo, align 8
  %clo.c = getelementptr inbounds %main.closure, ptr %clo, i32 0, i32 1
  store ptr %c, ptr %clo.c, align 8
  call void @main.churn(ptr nest undef, i64 10)
  %desc = load ptr, ptr %clo, align 8
  %fn = load ptr, ptr %desc, align 8
  %r1 = call i64 %fn(ptr nest %clo)
  %desc2 = load ptr, ptr %clo, align 8
  %fn2 = load ptr, ptr %desc2, align 8
  %r2 = call i64 %fn2(ptr nest %clo)
  call void @runtime.printlock(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %r1)
  call void @runtime.printsp(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %r2)
  call void @runtime.printnl(ptr nest undef)
  call void @runtime.printunlock(ptr nest undef)
  ret void
}

declare ptr @runtime.newobject(ptr, ptr)
declare void @runtime.printlock(ptr)
declare void @runtime.printunlock(ptr)
declare void @runtime.printint(ptr, i64)
declare void @runtime.printsp(ptr)
declare void @runtime.printnl(ptr)

attributes #0 = { "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
attributes #1 = { noinline "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
