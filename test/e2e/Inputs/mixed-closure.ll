; Gollvm-style IR for mixed-closure.go: every function takes its closure
; context as `ptr nest` first; a Go func value is a pointer to a closure whose
; first word is the code pointer, and the closure itself is passed as nest.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; func apply(f func(int) int, x int) int { return f(x) }
define i64 @main.apply(ptr nest %nest, ptr %f, i64 %x) #0 {
entry:
  %code = load ptr, ptr %f, align 8
  %r = call i64 %code(ptr nest %f, i64 %x)
  ret i64 %r
}

; func iterate(f func(int) int, x, n int) int { for ; n > 0; n-- { x = f(x) }; return x }
define i64 @main.iterate(ptr nest %nest, ptr %f, i64 %x, i64 %n) #0 {
entry:
  %none = icmp sle i64 %n, 0
  br i1 %none, label %done, label %loop

loop:
  %i = phi i64 [ %n, %entry ], [ %i.next, %loop ]
  %v = phi i64 [ %x, %entry ], [ %v.next, %loop ]
  %code = load ptr, ptr %f, align 8
  %v.next = call i64 %code(ptr nest %f, i64 %v)
  %i.next = sub i64 %i, 1
  %more = icmp sgt i64 %i.next, 0
  br i1 %more, label %loop, label %done

done:
  %r = phi i64 [ %x, %entry ], [ %v.next, %loop ]
  ret i64 %r
}

; func makeAdder(n int) func(int) int { return func(v int) int { return v + n } }
; The closure {code, n} holds no heap pointer: allocated noscan (nil type).
define ptr @main.makeAdder(ptr nest %nest, i64 %n) #0 {
entry:
  %c = call ptr @runtime.mallocgc(ptr nest undef, i64 16, ptr null, i8 1)
  store ptr @main.makeAdder..func1, ptr %c, align 8
  %np = getelementptr inbounds i8, ptr %c, i64 8
  store i64 %n, ptr %np, align 8
  ret ptr %c
}

define internal i64 @main.makeAdder..func1(ptr nest %closure, i64 %v) #0 {
entry:
  %np = getelementptr inbounds i8, ptr %closure, i64 8
  %n = load i64, ptr %np, align 8
  %r = add i64 %v, %n
  ret i64 %r
}

declare ptr @runtime.mallocgc(ptr nest, i64, ptr, i8)

attributes #0 = { null_pointer_is_valid "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" }
