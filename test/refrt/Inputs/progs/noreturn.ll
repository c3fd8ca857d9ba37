; Gollvm-style IR for:
;
;   type node struct { next *node; val int }
;   func build(n int) {
;     var l *node
;     for i := 1; i <= n; i++ { l = &node{l, i} }
;     check(l)                   // never returns: the call is build's last
;   }                            // instruction, its return address build's end
;   func check(l *node) {        // starts exactly there (optsize: no
;                                // alignment padding before it)
;     for i := 0; i < 20; i++ { _ = new(node) }   // collects under stress
;     s := 0
;     for ; l != nil; l = l.next { s += l.val }
;     println(s)                 // 5050
;     exit(0)
;   }
;   func main() { build(100) }
;
; Under REFRT_STRESS the collections inside check walk build's frame, whose
; return address is the first byte of check: the walker must look build up
; by ra - 1 (docs/StackMapFormat.md, Lookup), not take check's entry.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%_type.0 = type { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }
%main.node = type { ptr, i64 }

@main.node..gcdata = private constant [1 x i8] c"\01"
@main.node..d = constant %_type.0 { i64 16, i64 8, i32 12345, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @main.node..gcdata, ptr null, ptr null, ptr null }

define void @main.build(ptr nest %nest.0, i64 %n) #1 {
entry:
  br label %loop

loop:
  %i = phi i64 [ 1, %entry ], [ %i.next, %loop ]
  %l = phi ptr [ null, %entry ], [ %node, %loop ]
  %node = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  store ptr %l, ptr %node, align 8
  %val.p = getelementptr inbounds %main.node, ptr %node, i32 0, i32 1
  store i64 %i, ptr %val.p, align 8
  %i.next = add nsw i64 %i, 1
  %more = icmp sle i64 %i.next, %n
  br i1 %more, label %loop, label %done

done:
  call void @main.check(ptr nest undef, ptr %node)
  unreachable
}

define void @main.check(ptr nest %nest.1, ptr %l0) #2 {
entry:
  br label %garbage

garbage:
  %g = phi i64 [ 0, %entry ], [ %g.next, %garbage ]
  %junk = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %g.next = add nsw i64 %g, 1
  %gmore = icmp slt i64 %g.next, 20
  br i1 %gmore, label %garbage, label %walk

walk:
  %l = phi ptr [ %l0, %garbage ], [ %next, %body ]
  %s = phi i64 [ 0, %garbage ], [ %s.next, %body ]
  %nil = icmp eq ptr %l, null
  br i1 %nil, label %print, label %body

body:
  %v.p = getelementptr inbounds %main.node, ptr %l, i32 0, i32 1
  %v = load i64, ptr %v.p, align 8
  %s.next = add i64 %s, %v
  %next = load ptr, ptr %l, align 8
  br label %walk

print:
  call void @runtime.printlock(ptr nest undef)
  call void @runtime.printint(ptr nest undef, i64 %s)
  call void @runtime.printnl(ptr nest undef)
  call void @runtime.printunlock(ptr nest undef)
  call void @exit(i32 0)
  unreachable
}

define void @main.main(ptr nest %nest.2) #0 {
entry:
  call void @main.build(ptr nest undef, i64 100)
  ret void
}

declare ptr @runtime.newobject(ptr, ptr)
declare void @runtime.printlock(ptr)
declare void @runtime.printunlock(ptr)
declare void @runtime.printint(ptr, i64)
declare void @runtime.printnl(ptr)
declare void @exit(i32) noreturn

attributes #0 = { "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
attributes #1 = { noinline "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
attributes #2 = { noinline noreturn optsize "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" null_pointer_is_valid }
