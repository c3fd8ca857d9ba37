; Gollvm-style IR for (with a vector of pointers the way the SLP and loop
; vectorizers leave one):
;
;   type node struct { next *node; val int }
;   func churn() { for i := 0; i < 50; i++ { _ = new(node) } }   // garbage
;   func hold(a *[4]*node) int {
;     v := *a                 // one <4 x ptr> load
;     *a = [4]*node{}         // only v keeps the four nodes now
;     churn()                 // collects under REFRT_STRESS, v live
;     *a = v
;     return a[0].val + a[1].val + a[2].val + a[3].val
;   }
;   func main() {
;     a := new([4]*node)
;     for i := range a { a[i] = &node{val: (i + 1) * 100} }
;     println(hold(a))        // 1000
;   }
;
; With -mattr=+avx2 the <4 x ptr> is one 32-byte spill slot: LLVM realigns
; main.hold's stack to 32 bytes (a frame of variable size), and the map
; marks the slot's four words.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%_type.0 = type { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }
%main.node = type { ptr, i64 }

@main.node..gcdata = private constant [1 x i8] c"\01"
@main.node..d = constant %_type.0 { i64 16, i64 8, i32 12345, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.node..gcdata, ptr null, ptr null, ptr null }
@main.arr..gcdata = private constant [1 x i8] c"\0F"
@main.arr..d = constant %_type.0 { i64 32, i64 32, i32 4321, i8 0, i8 8, i8 8, i8 17, ptr null, ptr @main.arr..gcdata, ptr null, ptr null, ptr null }

define void @main.churn(ptr nest %nest.0) #1 {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %g = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %i.next = add nsw i64 %i, 1
  %more = icmp slt i64 %i.next, 50
  br i1 %more, label %loop, label %done

done:
  ret void
}

define i64 @main.hold(ptr nest %nest.1, ptr %a) #1 {
entry:
  %v = load <4 x ptr>, ptr %a, align 8
  store <4 x ptr> zeroinitializer, ptr %a, align 8
  call void @main.churn(ptr nest undef)
  store <4 x ptr> %v, ptr %a, align 8
  %p0 = load ptr, ptr %a, align 8
  %a1 = getelementptr inbounds ptr, ptr %a, i64 1
  %p1 = load ptr, ptr %a1, align 8
  %a2 = getelementptr inbounds ptr, ptr %a, i64 2
  %p2 = load ptr, ptr %a2, align 8
  %a3 = getelementptr inbounds ptr, ptr %a, i64 3
  %p3 = load ptr, ptr %a3, align 8
  %v0.p = getelementptr inbounds %main.node, ptr %p0, i32 0, i32 1
  %v0 = load i64, ptr %v0.p, align 8
  %v1.p = getelementptr inbounds %main.node, ptr %p1, i32 0, i32 1
  %v1 = load i64, ptr %v1.p, align 8
  %v2.p = getelementptr inbounds %main.node, ptr %p2, i32 0, i32 1
  %v2 = load i64, ptr %v2.p, align 8
  %v3.p = getelementptr inbounds %main.node, ptr %p3, i32 0, i32 1
  %v3 = load i64, ptr %v3.p, align 8
  %s01 = add i64 %v0, %v1
  %s23 = add i64 %v2, %v3
  %s = add i64 %s01, %s23
  ret i64 %s
}

define void @main.main(ptr nest %nest.2) #0 {
entry:
  %a = call ptr @runtime.newobject(ptr nest undef, ptr @main.arr..d)
  br label %fill

fill:
  %i = phi i64 [ 0, %entry ], [ %i.next, %fill ]
  %n = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %i1 = add nsw i64 %i, 1
  %val = mul i64 %i1, 100
  %n.val = getelementptr inbounds %main.node, ptr %n, i32 0, i32 1
  store i64 %val, ptr %n.val, align 8
  %slot = getelementptr inbounds ptr, ptr %a, i64 %i
  store ptr %n, ptr %slot, align 8
  %i.next = add nsw i64 %i, 1
  %more = icmp slt i64 %i.next, 4
  br i1 %more, label %fill, label %filled

filled:
  %r = call i64 @main.hold(ptr nest undef, ptr %a)
  call void @runtime.printlock(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %r)
  call void @runtime.printnl(ptr nest undef)
  call void @runtime.printunlock(ptr nest undef)
  ret void
}

declare ptr @runtime.newobject(ptr, ptr)
declare void @runtime.printlock(ptr)
declare void @runtime.printunlock(ptr)
declare void @runtime.printint(ptr, i64)
declare void @runtime.printnl(ptr)

attributes #0 = { "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
attributes #1 = { noinline "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
