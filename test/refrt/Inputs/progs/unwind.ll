; Gollvm-style IR that really unwinds: refrt.throw raises an exception
; through a frame with a cleanup landing pad into a frame that catches it.
; Pointers live across each invoke are live into its landing pad, and the
; landing pads allocate (a collection under REFRT_STRESS), so the invoke's
; stack map must hold them while the callee runs and the pads must find
; them intact. The values thrown and the cleanup's write are computed on
; the unwinding path and printed.
;
;   func thrower(v int) { n := &node{val: v}; churn(3); throw(node, n.val*3+1) }
;   func unwinder(cell *node, v int) int {
;     m := &node{val: v + 5}
;     defer-like cleanup { churn(2); cell.val = cell.val*31 + m.val }
;     return thrower(v)
;   }
;   func main() {
;     a := &node{val: 40}; cell := &node{val: 7}
;     x := catch(pair, node) { unwinder(cell, 100) }   // 301, cell 322
;     x = x + a.val*1000 + cell.val + (selector is node's ? 0 : 1000000)
;     y := catch(all) { thrower(5) }                   // 16
;     println(x, x*31 + y + a.val)
;   }
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%_type.0 = type { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }
%main.node = type { ptr, i64 }

@main.node..gcdata = private constant [1 x i8] c"\01"
@main.node..d = constant %_type.0 { i64 16, i64 8, i32 12345, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.node..gcdata, ptr null, ptr null, ptr null }
@main.pair..d = constant %_type.0 { i64 16, i64 8, i32 54321, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.node..gcdata, ptr null, ptr null, ptr null }

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
  %n = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %n.val = getelementptr inbounds %main.node, ptr %n, i32 0, i32 1
  store i64 %v, ptr %n.val, align 8
  call void @main.churn(ptr nest undef, i64 3)
  %nv = load i64, ptr %n.val, align 8
  %t = mul i64 %nv, 3
  %t1 = add i64 %t, 1
  call void @refrt.throw(ptr nest undef, ptr @main.node..d, i64 %t1)
  unreachable
}

define i64 @main.unwinder(ptr nest %nest.1, ptr %cell, i64 %v) #1 personality ptr @__gccgo_personality_v0 {
entry:
  %m = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %m.val = getelementptr inbounds %main.node, ptr %m, i32 0, i32 1
  %v5 = add i64 %v, 5
  store i64 %v5, ptr %m.val, align 8
  %r = invoke i64 @main.thrower(ptr nest undef, i64 %v)
          to label %cont unwind label %cleanup

cont:
  ret i64 %r

cleanup:
  %lp = landingpad { ptr, i32 }
          cleanup
  call void @main.churn(ptr nest undef, i64 2)
  %cell.val = getelementptr inbounds %main.node, ptr %cell, i32 0, i32 1
  %cv = load i64, ptr %cell.val, align 8
  %mv = load i64, ptr %m.val, align 8
  %c31 = mul i64 %cv, 31
  %nc = add i64 %c31, %mv
  store i64 %nc, ptr %cell.val, align 8
  resume { ptr, i32 } %lp
}

define void @main.main(ptr nest %nest.2) #0 personality ptr @__gccgo_personality_v0 {
entry:
  %a = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %a.val = getelementptr inbounds %main.node, ptr %a, i32 0, i32 1
  store i64 40, ptr %a.val, align 8
  %cell = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %cell.val = getelementptr inbounds %main.node, ptr %cell, i32 0, i32 1
  store i64 7, ptr %cell.val, align 8
  %r = invoke i64 @main.unwinder(ptr nest undef, ptr %cell, i64 100)
          to label %join unwind label %catch

catch:
  %lp = landingpad { ptr, i32 }
          catch ptr @main.pair..d
          catch ptr @main.node..d
  %exc = extractvalue { ptr, i32 } %lp, 0
  %sel = extractvalue { ptr, i32 } %lp, 1
  %t = call i64 @refrt.catch(ptr nest undef, ptr %exc)
  call void @main.churn(ptr nest undef, i64 2)
  %av = load i64, ptr %a.val, align 8
  %cv = load i64, ptr %cell.val, align 8
  %a1000 = mul i64 %av, 1000
  %x0 = add i64 %t, %a1000
  %x1 = add i64 %x0, %cv
  %want = call i32 @llvm.eh.typeid.for.p0(ptr @main.node..d)
  %right = icmp eq i32 %sel, %want
  %pen = select i1 %right, i64 0, i64 1000000
  %x2 = add i64 %x1, %pen
  br label %join

join:
  %x = phi i64 [ %r, %entry ], [ %x2, %catch ]
  %r2 = invoke i64 @main.thrower(ptr nest undef, i64 5)
          to label %done unwind label %catchall

catchall:
  %lp2 = landingpad { ptr, i32 }
          catch ptr null
  %exc2 = extractvalue { ptr, i32 } %lp2, 0
  %t2 = call i64 @refrt.catch(ptr nest undef, ptr %exc2)
  call void @main.churn(ptr nest undef, i64 2)
  br label %done

done:
  %y = phi i64 [ %r2, %join ], [ %t2, %catchall ]
  %av2 = load i64, ptr %a.val, align 8
  %x31 = mul i64 %x, 31
  %s1 = add i64 %x31, %y
  %s2 = add i64 %s1, %av2
  call void @runtime.printlock(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %x)
  call void @runtime.printsp(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %s2)
  call void @runtime.printnl(ptr nest undef)
  call void @runtime.printunlock(ptr nest undef)
  ret void
}

declare i32 @__gccgo_personality_v0(i32, i32, i64, ptr, ptr)
declare void @refrt.throw(ptr, ptr, i64) #2
declare i64 @refrt.catch(ptr, ptr)
declare i32 @llvm.eh.typeid.for.p0(ptr)
declare ptr @runtime.newobject(ptr, ptr)
declare void @runtime.printlock(ptr)
declare void @runtime.printunlock(ptr)
declare void @runtime.printint(ptr, i64)
declare void @runtime.printsp(ptr)
declare void @runtime.printnl(ptr)

attributes #0 = { "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
attributes #1 = { noinline "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
attributes #2 = { noreturn }
