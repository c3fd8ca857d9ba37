; Gollvm-style IR for a 16 MiB struct local whose address escapes (an alloca
; with !go_addrtaken) with a pointer at each end: only its two pointer words
; keep their nodes alive. Its layout is two runs of one pointer word in the
; statepoints' "deopt" bundles; a dense bitmap would be 32,768 operands,
; which go-statepoints used to refuse (over 8 MiB of pointer-holding prefix).
;
;   type big struct { a *node; pad [16 << 20]byte; b *node }
;   func fill(p *big) { p.a = &node{val: 11}; p.pad[7] = 5; p.b = &node{val: 22} }
;   func main() {
;     var p big
;     fill(&p)
;     churn(50)
;     println(p.a.val, p.pad[7], p.b.val)
;   }
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%_type.0 = type { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }
%main.node = type { ptr, i64 }
%main.big = type { ptr, [16777216 x i8], ptr }

@main.node..gcdata = private constant [1 x i8] c"\01"
@main.node..d = constant %_type.0 { i64 16, i64 8, i32 12345, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.node..gcdata, ptr null, ptr null, ptr null }

define void @main.fill(ptr nest %nest.0, ptr %p) #1 {
entry:
  %a = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %a.val = getelementptr inbounds %main.node, ptr %a, i32 0, i32 1
  store i64 11, ptr %a.val, align 8
  store ptr %a, ptr %p, align 8
  %p.pad = getelementptr inbounds %main.big, ptr %p, i32 0, i32 1, i64 7
  store i8 5, ptr %p.pad, align 1
  %b = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %b.val = getelementptr inbounds %main.node, ptr %b, i32 0, i32 1
  store i64 22, ptr %b.val, align 8
  %p.b = getelementptr inbounds %main.big, ptr %p, i32 0, i32 2
  store ptr %b, ptr %p.b, align 8
  ret void
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
  %p = alloca %main.big, align 8, !go_addrtaken !0
  call void @llvm.lifetime.start.p0(i64 16777232, ptr %p)
  call void @main.fill(ptr nest undef, ptr %p)
  call void @main.churn(ptr nest undef, i64 50)
  %a = load ptr, ptr %p, align 8
  %a.val.addr = getelementptr inbounds %main.node, ptr %a, i32 0, i32 1
  %a.val = load i64, ptr %a.val.addr, align 8
  %p.pad = getelementptr inbounds %main.big, ptr %p, i32 0, i32 1, i64 7
  %pad = load i8, ptr %p.pad, align 1
  %n = zext i8 %pad to i64
  %p.b = getelementptr inbounds %main.big, ptr %p, i32 0, i32 2
  %b = load ptr, ptr %p.b, align 8
  %b.val.addr = getelementptr inbounds %main.node, ptr %b, i32 0, i32 1
  %b.val = load i64, ptr %b.val.addr, align 8
  call void @llvm.lifetime.end.p0(i64 16777232, ptr %p)
  call void @runtime.printlock(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %a.val)
  call void @runtime.printsp(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %n)
  call void @runtime.printsp(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %b.val)
  call void @runtime.printnl(ptr nest undef)
  call void @runtime.printunlock(ptr nest undef)
  ret void
}

declare void @llvm.lifetime.start.p0(i64 immarg, ptr nocapture)
declare void @llvm.lifetime.end.p0(i64 immarg, ptr nocapture)
declare ptr @runtime.newobject(ptr, ptr)
declare void @runtime.printlock(ptr)
declare void @runtime.printunlock(ptr)
declare void @runtime.printint(ptr, i64)
declare void @runtime.printsp(ptr)
declare void @runtime.printnl(ptr)

attributes #0 = { "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
attributes #1 = { noinline "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }

!0 = !{}
