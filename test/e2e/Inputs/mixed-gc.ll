; Gollvm-style IR for mixed-gc.go: type node struct { next *node; val int64 }
; allocated with runtime.newobject(main.node..d), the type descriptor gccgo
; emits for the harness. Pointer stores into heap objects go through libgo's
; write barrier (runtime.writeBarrier / runtime.gcWriteBarrier), as Gollvm
; emits them.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@main.node..d = external global i8
@runtime.writeBarrier = external global i32

; func buildList(n int) *node: node i (from 0) gets val i+1 and points to
; node i-1; returns node n-1, so the head has val n and the tail val 1.
define ptr @main.buildList(ptr nest %nest, i64 %n) #0 {
entry:
  %none = icmp sle i64 %n, 0
  br i1 %none, label %done, label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %store.done ]
  %head = phi ptr [ null, %entry ], [ %node, %store.done ]
  %node = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %i.next = add i64 %i, 1
  %valp = getelementptr inbounds i8, ptr %node, i64 8
  store i64 %i.next, ptr %valp, align 8
  %wb = load i32, ptr @runtime.writeBarrier, align 8
  %wb.on = icmp ne i32 %wb, 0
  br i1 %wb.on, label %store.wb, label %store.plain

store.wb:
  call void @runtime.gcWriteBarrier(ptr nest undef, ptr %node, ptr %head)
  br label %store.done

store.plain:
  store ptr %head, ptr %node, align 8
  br label %store.done

store.done:
  %more = icmp slt i64 %i.next, %n
  br i1 %more, label %loop, label %done

done:
  %r = phi ptr [ null, %entry ], [ %node, %store.done ]
  ret ptr %r
}

; func sumList(l *node, churn func()) int64: adds the vals, calling churn
; before each step, so l is live across every call.
define i64 @main.sumList(ptr nest %nest, ptr %l, ptr %churn) #0 {
entry:
  %empty = icmp eq ptr %l, null
  br i1 %empty, label %done, label %loop

loop:
  %p = phi ptr [ %l, %entry ], [ %next, %loop ]
  %acc = phi i64 [ 0, %entry ], [ %acc.next, %loop ]
  %code = load ptr, ptr %churn, align 8
  call void %code(ptr nest %churn)
  %valp = getelementptr inbounds i8, ptr %p, i64 8
  %v = load i64, ptr %valp, align 8
  %acc.next = add i64 %acc, %v
  %next = load ptr, ptr %p, align 8
  %end = icmp eq ptr %next, null
  br i1 %end, label %done, label %loop

done:
  %r = phi i64 [ 0, %entry ], [ %acc.next, %loop ]
  ret i64 %r
}

; func buildAndHold(n int, churn func()) int64: the list lives only in this
; frame (and the registers it saved) while churn runs.
define i64 @main.buildAndHold(ptr nest %nest, i64 %n, ptr %churn) #0 {
entry:
  %list = call ptr @main.buildList(ptr nest undef, i64 %n)
  %code = load ptr, ptr %churn, align 8
  call void %code(ptr nest %churn)
  call void %code(ptr nest %churn)
  %sum = call i64 @main.sumList(ptr nest undef, ptr %list, ptr @main.noop..f)
  ret i64 %sum
}

define internal void @main.noop(ptr nest %nest) #0 {
entry:
  ret void
}

@main.noop..f = internal constant { ptr } { ptr @main.noop }

declare ptr @runtime.newobject(ptr nest, ptr)
declare void @runtime.gcWriteBarrier(ptr nest, ptr, ptr)

attributes #0 = { null_pointer_is_valid "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" }
