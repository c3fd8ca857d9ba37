; Gollvm-style IR for:
;
;   type tree struct { left, right *tree; val int }
;   func build(d int) *tree {
;     if d == 0 { return nil }
;     l := build(d - 1)
;     r := build(d - 1)          // l live across a call that allocates
;     t := &tree{l, r, d}        // l and r live across newobject
;     _ = &tree{val: -1}         // garbage: t live across it
;     return t
;   }
;   func sum(t *tree) int { if t == nil { return 0 }; return t.val + 2*sum(t.left) + 3*sum(t.right) }
;   func main() { t := build(12); x := build(3); println(sum(t), sum(x)) }
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%_type.0 = type { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }
%main.tree = type { ptr, ptr, i64 }

@main.tree..gcdata = private constant [1 x i8] c"\03"
@main.tree..d = constant %_type.0 { i64 24, i64 16, i32 4242, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.tree..gcdata, ptr null, ptr null, ptr null }

define ptr @main.build(ptr nest %nest.0, i64 %d) #1 {
entry:
  %leaf = icmp eq i64 %d, 0
  br i1 %leaf, label %nil, label %node

nil:
  ret ptr null

node:
  %d1 = sub i64 %d, 1
  %l = call ptr @main.build(ptr nest undef, i64 %d1)
  %r = call ptr @main.build(ptr nest undef, i64 %d1)
  %t = call ptr @runtime.newobject(ptr nest undef, ptr @main.tree..d)
  store ptr %l, ptr %t, align 8
  %t.right = getelementptr inbounds %main.tree, ptr %t, i32 0, i32 1
  store ptr %r, ptr %t.right, align 8
  %t.val = getelementptr inbounds %main.tree, ptr %t, i32 0, i32 2
  store i64 %d, ptr %t.val, align 8
  %g = call ptr @runtime.newobject(ptr nest undef, ptr @main.tree..d)
  %g.val = getelementptr inbounds %main.tree, ptr %g, i32 0, i32 2
  store i64 -1, ptr %g.val, align 8
  ret ptr %t
}

define i64 @main.sum(ptr nest %nest.1, ptr %t) #1 {
entry:
  %isnil = icmp eq ptr %t, null
  br i1 %isnil, label %zero, label %rec

zero:
  ret i64 0

rec:
  %l = load ptr, ptr %t, align 8
  %r.addr = getelementptr inbounds %main.tree, ptr %t, i32 0, i32 1
  %r = load ptr, ptr %r.addr, align 8
  %v.addr = getelementptr inbounds %main.tree, ptr %t, i32 0, i32 2
  %v = load i64, ptr %v.addr, align 8
  %sl = call i64 @main.sum(ptr nest undef, ptr %l)
  %sr = call i64 @main.sum(ptr nest undef, ptr %r)
  %a = mul i64 %sl, 2
  %b = mul i64 %sr, 3
  %ab = add i64 %a, %b
  %s = add i64 %ab, %v
  ret i64 %s
}

define void @main.main(ptr nest %nest.2) #0 {
entry:
  %t = call ptr @main.build(ptr nest undef, i64 12)
  %x = call ptr @main.build(ptr nest undef, i64 3)
  %st = call i64 @main.sum(ptr nest undef, ptr %t)
  %sx = call i64 @main.sum(ptr nest undef, ptr %x)
  call void @runtime.printlock(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %st)
  call void @runtime.printsp(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %sx)
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
