; Gollvm-style IR for a function taking a struct by value in memory (byval)
; and keeping its address live across an allocating call:
;
;   type node struct { next *node; val int }
;   type pair struct { p *node; k int }
;   func f(s pair, keep *node) int {      // s: byval, a frame index
;     for i := 0; i < 10; i++ { _ = new(node) }   // collects under stress
;     return s.p.val*1000 + s.k*10 + keep.val
;   }
;   func main() {
;     n := &node{val: 5}; keep := &node{val: 7}
;     t := &pair{n, 3}
;     r := f(*t, keep)
;     println(r, n.val)                   // 5037 5
;   }
;
; The byval argument %s is a pointer SSA value in "gc-live" that LLVM lowers
; to a frame index: it appears as a (Direct, Direct) pair and again among
; the trailing Direct "gc allocas" of the record; the printer must mark
; neither (a stack address) and still find keep's spill slot.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%_type.0 = type { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }
%main.node = type { ptr, i64 }
%main.pair = type { ptr, i64 }

@main.node..gcdata = private constant [1 x i8] c"\01"
@main.node..d = constant %_type.0 { i64 16, i64 8, i32 12345, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.node..gcdata, ptr null, ptr null, ptr null }
@main.pair..d = constant %_type.0 { i64 16, i64 8, i32 23456, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.node..gcdata, ptr null, ptr null, ptr null }

define i64 @main.f(ptr nest %nest.0, ptr byval(%main.pair) align 8 %s, ptr %keep) #1 {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %g = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %i.next = add nsw i64 %i, 1
  %more = icmp slt i64 %i.next, 10
  br i1 %more, label %loop, label %done

done:
  %p = load ptr, ptr %s, align 8
  %pv.p = getelementptr inbounds %main.node, ptr %p, i32 0, i32 1
  %pv = load i64, ptr %pv.p, align 8
  %k.p = getelementptr inbounds %main.pair, ptr %s, i32 0, i32 1
  %k = load i64, ptr %k.p, align 8
  %kv.p = getelementptr inbounds %main.node, ptr %keep, i32 0, i32 1
  %kv = load i64, ptr %kv.p, align 8
  %a = mul i64 %pv, 1000
  %b = mul i64 %k, 10
  %ab = add i64 %a, %b
  %r = add i64 %ab, %kv
  ret i64 %r
}

define void @main.main(ptr nest %nest.1) #0 {
entry:
  %n = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %n.v = getelementptr inbounds %main.node, ptr %n, i32 0, i32 1
  store i64 5, ptr %n.v, align 8
  %keep = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %keep.v = getelementptr inbounds %main.node, ptr %keep, i32 0, i32 1
  store i64 7, ptr %keep.v, align 8
  %t = call ptr @runtime.newobject(ptr nest undef, ptr @main.pair..d)
  store ptr %n, ptr %t, align 8
  %t.k = getelementptr inbounds %main.pair, ptr %t, i32 0, i32 1
  store i64 3, ptr %t.k, align 8
  %r = call i64 @main.f(ptr nest undef, ptr byval(%main.pair) align 8 %t, ptr %keep)
  %nv = load i64, ptr %n.v, align 8
  call void @runtime.printlock(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %r)
  call void @runtime.printsp(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %nv)
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
