; Gollvm-style IR with invoke and a landing pad (the shape of Gollvm's defer
; code): a pointer live across an invoke whose callee allocates must be a
; root at the invoke's call site, on the normal path.
;
;   func work(n int) int { churn(n); return n }   // may panic in Go terms
;   func main() {
;     a := &node{val: 40}
;     r := work(20)          // an invoke: a is live across it
;     b := &node{val: 2}
;     r2 := work(5)          // a and b live across it
;     println(a.val + r + b.val + r2)
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

define i64 @main.work(ptr nest %nest.0, i64 %n) #1 {
entry:
  call void @main.churn(ptr nest undef, i64 %n)
  ret i64 %n
}

define void @main.main(ptr nest %nest.1) #0 personality ptr @__gccgo_personality_v0 {
entry:
  %a = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %a.val = getelementptr inbounds %main.node, ptr %a, i32 0, i32 1
  store i64 40, ptr %a.val, align 8
  %r = invoke i64 @main.work(ptr nest undef, i64 20)
          to label %cont unwind label %pad

cont:
  %b = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %b.val = getelementptr inbounds %main.node, ptr %b, i32 0, i32 1
  store i64 2, ptr %b.val, align 8
  %r2 = invoke i64 @main.work(ptr nest undef, i64 5)
          to label %cont2 unwind label %pad

cont2:
  %av = load i64, ptr %a.val, align 8
  %bv = load i64, ptr %b.val, align 8
  %s1 = add i64 %av, %r
  %s2 = add i64 %s1, %bv
  %s3 = add i64 %s2, %r2
  call void @runtime.printlock(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %s3)
  call void @runtime.printnl(ptr nest undef)
  call void @runtime.printunlock(ptr nest undef)
  ret void

pad:
  %lp = landingpad { ptr, i32 }
          cleanup
  call void @runtime.printlock(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 -1)
  call void @runtime.printnl(ptr nest undef)
  call void @runtime.printunlock(ptr nest undef)
  resume { ptr, i32 } %lp
}

declare i32 @__gccgo_personality_v0(i32, i32, i64, ptr, ptr)
declare ptr @runtime.newobject(ptr, ptr)
declare void @runtime.printlock(ptr)
declare void @runtime.printunlock(ptr)
declare void @runtime.printint(ptr, i64)
declare void @runtime.printsp(ptr)
declare void @runtime.printnl(ptr)

attributes #0 = { "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
attributes #1 = { noinline "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
