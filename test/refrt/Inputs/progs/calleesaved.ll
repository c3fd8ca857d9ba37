; Pointers that the register allocator keeps in callee-saved registers
; across calls at -O2 (six of them, live across a loop of calls that
; allocate): the GC lowering must still report every one.
;
;   func main() {
;     p1, ..., p6 := &node{val: 1}, ..., &node{val: 6}
;     for i := 0; i < 8; i++ { churn(3) }
;     println(p1.val*1 + p2.val*10 + p3.val*100 + p4.val*1000 + p5.val*10000 + p6.val*100000)
;   }
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%_type.0 = type { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }
%main.node = type { ptr, i64 }

@main.node..gcdata = private constant [1 x i8] c"\01"
@main.node..d = constant %_type.0 { i64 16, i64 8, i32 12345, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.node..gcdata, ptr null, ptr null, ptr null }

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

define i64 @main.mk(ptr nest %nest.0, i64 %v) #1 {
entry:
  ret i64 %v
}

define void @main.main(ptr nest %nest.1) #0 {
entry:
  %p1 = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %v1 = getelementptr inbounds %main.node, ptr %p1, i32 0, i32 1
  store i64 1, ptr %v1, align 8
  %p2 = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %v2 = getelementptr inbounds %main.node, ptr %p2, i32 0, i32 1
  store i64 2, ptr %v2, align 8
  %p3 = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %v3 = getelementptr inbounds %main.node, ptr %p3, i32 0, i32 1
  store i64 3, ptr %v3, align 8
  %p4 = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %v4 = getelementptr inbounds %main.node, ptr %p4, i32 0, i32 1
  store i64 4, ptr %v4, align 8
  %p5 = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %v5 = getelementptr inbounds %main.node, ptr %p5, i32 0, i32 1
  store i64 5, ptr %v5, align 8
  %p6 = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %v6 = getelementptr inbounds %main.node, ptr %p6, i32 0, i32 1
  store i64 6, ptr %v6, align 8
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  call void @main.churn(ptr nest undef, i64 3)
  %i.next = add i64 %i, 1
  %more = icmp slt i64 %i.next, 8
  br i1 %more, label %loop, label %done

done:
  %l1 = load i64, ptr %v1, align 8
  %l2 = load i64, ptr %v2, align 8
  %l3 = load i64, ptr %v3, align 8
  %l4 = load i64, ptr %v4, align 8
  %l5 = load i64, ptr %v5, align 8
  %l6 = load i64, ptr %v6, align 8
  %m2 = mul i64 %l2, 10
  %m3 = mul i64 %l3, 100
  %m4 = mul i64 %l4, 1000
  %m5 = mul i64 %l5, 10000
  %m6 = mul i64 %l6, 100000
  %a1 = add i64 %l1, %m2
  %a2 = add i64 %a1, %m3
  %a3 = add i64 %a2, %m4
  %a4 = add i64 %a3, %m5
  %a5 = add i64 %a4, %m6
  call void @runtime.printlock(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %a5)
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
