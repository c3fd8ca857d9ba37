; The control of unwind.ll: a node that only a landing pad reads. At the
; invoke it is the one live root and it is not used on the normal path;
; the thrower keeps no pointer live across its calls and main keeps none
; across its call. Correct maps print "77 301"; a map that leaves the node
; out of the invoke's call site (-go-statepoints-drop-live-slot drops the
; first live root of every call site, here only the pad's) lets the
; thrower's allocations free and poison it before the pad reads it.
;
;   func thrower(v int) { churn(3); throw(node, v*3+1) }
;   func padonly() int {
;     p := &node{val: 77}
;     catch(all) { return thrower(100) } with t: churn(1); return p.val*10000 + t
;   }
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%_type.0 = type { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }
%main.node = type { ptr, i64 }

@main.node..gcdata = private constant [1 x i8] c"\01"
@main.node..d = constant %_type.0 { i64 16, i64 8, i32 12345, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.node..gcdata, ptr null, ptr null, ptr null }
; Never thrown: stress-unwind-uncaught.test catches it instead of all.
@main.other..d = constant %_type.0 { i64 16, i64 8, i32 23456, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.node..gcdata, ptr null, ptr null, ptr null }

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

define i64 @main.thrower(ptr nest %nest.0, i64 %v) #1 {
entry:
  call void @main.churn(ptr nest undef, i64 3)
  %t = mul i64 %v, 3
  %t1 = add i64 %t, 1
  call void @refrt.throw(ptr nest undef, ptr @main.node..d, i64 %t1)
  unreachable
}

define i64 @main.padonly(ptr nest %nest.1) #1 personality ptr @__gccgo_personality_v0 {
entry:
  %p = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %p.val = getelementptr inbounds %main.node, ptr %p, i32 0, i32 1
  store i64 77, ptr %p.val, align 8
  %r = invoke i64 @main.thrower(ptr nest undef, i64 100)
          to label %cont unwind label %pad

cont:
  ret i64 %r

pad:
  %lp = landingpad { ptr, i32 }
          catch ptr null
  %exc = extractvalue { ptr, i32 } %lp, 0
  %t = call i64 @refrt.catch(ptr nest undef, ptr %exc)
  call void @main.churn(ptr nest undef, i64 1)
  %pv = load i64, ptr %p.val, align 8
  %hi = mul i64 %pv, 10000
  %s = add i64 %hi, %t
  ret i64 %s
}

define void @main.main(ptr nest %nest.2) #0 {
entry:
  %s = call i64 @main.padonly(ptr nest undef)
  %hi = sdiv i64 %s, 10000
  %lo = srem i64 %s, 10000
  call void @runtime.printlock(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %hi)
  call void @runtime.printsp(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %lo)
  call void @runtime.printnl(ptr nest undef)
  call void @runtime.printunlock(ptr nest undef)
  ret void
}

declare i32 @__gccgo_personality_v0(i32, i32, i64, ptr, ptr)
declare void @refrt.throw(ptr, ptr, i64) #2
declare i64 @refrt.catch(ptr, ptr)
declare ptr @runtime.newobject(ptr, ptr)
declare void @runtime.printlock(ptr)
declare void @runtime.printunlock(ptr)
declare void @runtime.printint(ptr, i64)
declare void @runtime.printsp(ptr)
declare void @runtime.printnl(ptr)

attributes #0 = { "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
attributes #1 = { noinline "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
attributes #2 = { noreturn }
