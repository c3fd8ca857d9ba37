; A small Go package as Gollvm (llvm-goc -O0 -emit-llvm, then cleaned up by
; hand) emits it: every function takes the closure context `ptr nest` first,
; carries "split-stack", and allocates through runtime.newobject.
;
;   package main
;   type node struct { next *node; val int }
;   func build(n int) *node {
;       var head *node
;       for i := 0; i < n; i++ { head = &node{head, i} }
;       return head
;   }
;   func total(l *node) (s int) { for ; l != nil; l = l.next { s += l.val }; return }
;   func sum(xs []int64) (s int64) { for _, x := range xs { s += x }; return }
;   func add1(p *int64) { *p++ }
source_filename = "main"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

%main.node = type { ptr, i64 }

@main.node..d = external global { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }

declare ptr @runtime.newobject(ptr nest, ptr)

define ptr @main.build(ptr nest %nest.0, i64 %n) #0 {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %body ]
  %head = phi ptr [ null, %entry ], [ %obj, %body ]
  %done = icmp sge i64 %i, %n
  br i1 %done, label %exit, label %body

body:
  %obj = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  store ptr %head, ptr %obj, align 8
  %val.p = getelementptr inbounds %main.node, ptr %obj, i32 0, i32 1
  store i64 %i, ptr %val.p, align 8
  %i.next = add nsw i64 %i, 1
  br label %loop

exit:
  ret ptr %head
}

define i64 @main.total(ptr nest %nest.1, ptr %l) #0 {
entry:
  br label %loop

loop:
  %p = phi ptr [ %l, %entry ], [ %next, %body ]
  %s = phi i64 [ 0, %entry ], [ %s.next, %body ]
  %isnil = icmp eq ptr %p, null
  br i1 %isnil, label %exit, label %body

body:
  %val.p = getelementptr inbounds %main.node, ptr %p, i32 0, i32 1
  %val = load i64, ptr %val.p, align 8
  %s.next = add i64 %s, %val
  %next = load ptr, ptr %p, align 8
  br label %loop

exit:
  ret i64 %s
}

define i64 @main.sum(ptr nest %nest.2, ptr %xs.ptr, i64 %xs.len, i64 %xs.cap) #0 {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %body ]
  %s = phi i64 [ 0, %entry ], [ %s.next, %body ]
  %done = icmp sge i64 %i, %xs.len
  br i1 %done, label %exit, label %body

body:
  %x.p = getelementptr inbounds i64, ptr %xs.ptr, i64 %i
  %x = load i64, ptr %x.p, align 8
  %s.next = add i64 %s, %x
  %i.next = add nsw i64 %i, 1
  br label %loop

exit:
  ret i64 %s
}

define void @main.add1(ptr nest %nest.3, ptr %p) #0 {
entry:
  %v = load i64, ptr %p, align 8
  %v1 = add i64 %v, 1
  store i64 %v1, ptr %p, align 8
  ret void
}

define i64 @main.run(ptr nest %nest.4, i64 %n) #0 {
entry:
  %l = call ptr @main.build(ptr nest undef, i64 %n)
  %t = call i64 @main.total(ptr nest undef, ptr %l)
  %box = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %val.p = getelementptr inbounds %main.node, ptr %box, i32 0, i32 1
  store i64 %t, ptr %val.p, align 8
  call void @main.add1(ptr nest undef, ptr %val.p)
  %r = load i64, ptr %val.p, align 8
  ret i64 %r
}

attributes #0 = { null_pointer_is_valid "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" }
