; Gollvm-style IR for:
;
;   type node struct { next *node; val int }
;   func main() {
;     s := make([]*node, 100)        // the slice {ptr, len, cap} lives in SSA
;     for i := range s {
;       n := new(node)               // s.ptr live across newobject
;       n.val = i * i
;       s[i] = n
;     }
;     _ = make([]int, 64)            // garbage, collected under stress
;     sum := 0
;     for i := range s { sum += s[i].val * (i%7 + 1) }
;     println(sum, len(s))
;   }
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%_type.0 = type { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }
%main.node = type { ptr, i64 }

@main.node..gcdata = private constant [1 x i8] c"\01"
@main.node..d = constant %_type.0 { i64 16, i64 8, i32 12345, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.node..gcdata, ptr null, ptr null, ptr null }
@main.ptrnode..gcdata = private constant [1 x i8] c"\01"
@main.ptrnode..d = constant %_type.0 { i64 8, i64 8, i32 777, i8 0, i8 8, i8 8, i8 54, ptr null, ptr @main.ptrnode..gcdata, ptr null, ptr null, ptr null }
@int..d = constant %_type.0 { i64 8, i64 0, i32 1, i8 0, i8 8, i8 8, i8 130, ptr null, ptr null, ptr null, ptr null, ptr null }

define void @main.main(ptr nest %nest.0) #0 {
entry:
  %base = call ptr @runtime.makeslice(ptr nest undef, ptr @main.ptrnode..d, i64 100, i64 100)
  %s0 = insertvalue { ptr, i64, i64 } undef, ptr %base, 0
  %s1 = insertvalue { ptr, i64, i64 } %s0, i64 100, 1
  %s = insertvalue { ptr, i64, i64 } %s1, i64 100, 2
  br label %fill

fill:
  %i = phi i64 [ 0, %entry ], [ %i.next, %fill ]
  %sv = phi { ptr, i64, i64 } [ %s, %entry ], [ %sv, %fill ]
  %n = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %sq = mul i64 %i, %i
  %n.val = getelementptr inbounds %main.node, ptr %n, i32 0, i32 1
  store i64 %sq, ptr %n.val, align 8
  %p = extractvalue { ptr, i64, i64 } %sv, 0
  %slot = getelementptr inbounds ptr, ptr %p, i64 %i
  store ptr %n, ptr %slot, align 8
  %i.next = add i64 %i, 1
  %len = extractvalue { ptr, i64, i64 } %sv, 1
  %more = icmp slt i64 %i.next, %len
  br i1 %more, label %fill, label %filled

filled:
  %junk = call ptr @runtime.makeslice(ptr nest undef, ptr @int..d, i64 64, i64 64)
  br label %walk

walk:
  %j = phi i64 [ 0, %filled ], [ %j.next, %walk ]
  %sum = phi i64 [ 0, %filled ], [ %sum.next, %walk ]
  %q = extractvalue { ptr, i64, i64 } %sv, 0
  %e.addr = getelementptr inbounds ptr, ptr %q, i64 %j
  %e = load ptr, ptr %e.addr, align 8
  %e.val.addr = getelementptr inbounds %main.node, ptr %e, i32 0, i32 1
  %e.val = load i64, ptr %e.val.addr, align 8
  %m = urem i64 %j, 7
  %w = add i64 %m, 1
  %t = mul i64 %e.val, %w
  %sum.next = add i64 %sum, %t
  %j.next = add i64 %j, 1
  %jmore = icmp slt i64 %j.next, 100
  br i1 %jmore, label %walk, label %done

done:
  %l = extractvalue { ptr, i64, i64 } %sv, 1
  call void @runtime.printlock(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %sum.next)
  call void @runtime.printsp(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %l)
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
