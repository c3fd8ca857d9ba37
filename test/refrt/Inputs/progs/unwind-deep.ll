; Throws from the bottom of a recursion of split-stack frames through a
; cleanup pad that resumes (_Unwind_Resume), into main.main's catch-all.
; Each frame of main.down holds 320 bytes, so over depths 1..24 the throw
; and the resume start at every position of a 4 KiB segment, down to the
; 3.5 KiB __morestack leaves below its guard (stress-unwind-small-room.test
; substitutes @main.depth's value).
;
;   func down(n int) int { var pad [40]int; pad[n%40] = n
;                          if n == 0 { return unwinder() }; return down(n-1) + pad[n%40] }
;   func unwinder() int { m := &node{val: 9}; defer-like cleanup { m.val++ }; return thrower() }
;   func main() { println(catch(all) { down(depth) }) }   // 3*9+1 = 28
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%_type.0 = type { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }
%main.node = type { ptr, i64 }

@main.node..gcdata = private constant [1 x i8] c"\01"
@main.node..d = constant %_type.0 { i64 16, i64 8, i32 12345, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.node..gcdata, ptr null, ptr null, ptr null }
@main.depth = constant i64 76

define i64 @main.thrower(ptr nest %nest.0, ptr %m) #1 {
entry:
  %m.val = getelementptr inbounds %main.node, ptr %m, i32 0, i32 1
  %v = load i64, ptr %m.val, align 8
  %t = mul i64 %v, 3
  %t1 = add i64 %t, 1
  call void @refrt.throw(ptr nest undef, ptr @main.node..d, i64 %t1)
  unreachable
}

define i64 @main.unwinder(ptr nest %nest.1) #1 personality ptr @__gccgo_personality_v0 {
entry:
  %m = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %m.val = getelementptr inbounds %main.node, ptr %m, i32 0, i32 1
  store i64 9, ptr %m.val, align 8
  %r = invoke i64 @main.thrower(ptr nest undef, ptr %m)
          to label %cont unwind label %cleanup

cont:
  ret i64 %r

cleanup:
  %lp = landingpad { ptr, i32 }
          cleanup
  %mv = load i64, ptr %m.val, align 8
  %mv1 = add i64 %mv, 1
  store i64 %mv1, ptr %m.val, align 8
  resume { ptr, i32 } %lp
}

define i64 @main.down(ptr nest %nest.2, i64 %n) #1 {
entry:
  %pad = alloca [40 x i64], align 8
  %i = urem i64 %n, 40
  %slot = getelementptr inbounds [40 x i64], ptr %pad, i64 0, i64 %i
  store volatile i64 %n, ptr %slot, align 8
  %bottom = icmp eq i64 %n, 0
  br i1 %bottom, label %throw, label %recurse

throw:
  %r0 = call i64 @main.unwinder(ptr nest undef)
  ret i64 %r0

recurse:
  %n1 = sub i64 %n, 1
  %r1 = call i64 @main.down(ptr nest undef, i64 %n1)
  %p = load volatile i64, ptr %slot, align 8
  %r = add i64 %r1, %p
  ret i64 %r
}

define void @main.main(ptr nest %nest.3) #0 personality ptr @__gccgo_personality_v0 {
entry:
  %depth = load i64, ptr @main.depth, align 8
  %r = invoke i64 @main.down(ptr nest undef, i64 %depth)
          to label %done unwind label %catchall

catchall:
  %lp = landingpad { ptr, i32 }
          catch ptr null
  %exc = extractvalue { ptr, i32 } %lp, 0
  %t = call i64 @refrt.catch(ptr nest undef, ptr %exc)
  br label %done

done:
  %x = phi i64 [ %r, %entry ], [ %t, %catchall ]
  call void @runtime.printlock(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %x)
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
declare void @runtime.printnl(ptr)

attributes #0 = { "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
attributes #1 = { noinline "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
attributes #2 = { noreturn }
