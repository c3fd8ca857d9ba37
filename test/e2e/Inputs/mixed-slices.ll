; Gollvm-style IR for mixed-slices.go. A slice {ptr, len, cap} is 24 bytes:
; passed byval on the stack and returned through sret. A string {ptr, len}
; is two eightbytes: passed as two scalars, returned as { ptr, i64 }.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

%slice = type { ptr, i64, i64 }

@int64..d = external global i8

; func sumSlice(s []int64) int64
define i64 @main.sumSlice(ptr nest %nest, ptr byval(%slice) align 8 %s) #0 {
entry:
  %p = load ptr, ptr %s, align 8
  %lenp = getelementptr inbounds %slice, ptr %s, i32 0, i32 1
  %len = load i64, ptr %lenp, align 8
  %empty = icmp sle i64 %len, 0
  br i1 %empty, label %done, label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi i64 [ 0, %entry ], [ %acc.next, %loop ]
  %ep = getelementptr inbounds i64, ptr %p, i64 %i
  %e = load i64, ptr %ep, align 8
  %acc.next = add i64 %acc, %e
  %i.next = add i64 %i, 1
  %more = icmp slt i64 %i.next, %len
  br i1 %more, label %loop, label %done

done:
  %r = phi i64 [ 0, %entry ], [ %acc.next, %loop ]
  ret i64 %r
}

; func squares(n int) []int64 { s := make([]int64, n); for i := range s { s[i] = i * i }; return s }
define void @main.squares(ptr sret(%slice) %ret, ptr nest %nest, i64 %n) #0 {
entry:
  %p = call ptr @runtime.makeslice(ptr nest undef, ptr @int64..d, i64 %n, i64 %n)
  %empty = icmp sle i64 %n, 0
  br i1 %empty, label %done, label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %sq = mul i64 %i, %i
  %ep = getelementptr inbounds i64, ptr %p, i64 %i
  store i64 %sq, ptr %ep, align 8
  %i.next = add i64 %i, 1
  %more = icmp slt i64 %i.next, %n
  br i1 %more, label %loop, label %done

done:
  store ptr %p, ptr %ret, align 8
  %lenp = getelementptr inbounds %slice, ptr %ret, i32 0, i32 1
  store i64 %n, ptr %lenp, align 8
  %capp = getelementptr inbounds %slice, ptr %ret, i32 0, i32 2
  store i64 %n, ptr %capp, align 8
  ret void
}

; func countByte(s string, b byte) int
define i64 @main.countByte(ptr nest %nest, ptr %s.ptr, i64 %s.len, i8 %b) #0 {
entry:
  %empty = icmp sle i64 %s.len, 0
  br i1 %empty, label %done, label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %n = phi i64 [ 0, %entry ], [ %n.next, %loop ]
  %cp = getelementptr inbounds i8, ptr %s.ptr, i64 %i
  %c = load i8, ptr %cp, align 1
  %eq = icmp eq i8 %c, %b
  %inc = zext i1 %eq to i64
  %n.next = add i64 %n, %inc
  %i.next = add i64 %i, 1
  %more = icmp slt i64 %i.next, %s.len
  br i1 %more, label %loop, label %done

done:
  %r = phi i64 [ 0, %entry ], [ %n.next, %loop ]
  ret i64 %r
}

; func middle(s string) string { if len(s) < 2 { return "" }; return s[1 : len(s)-1] }
define { ptr, i64 } @main.middle(ptr nest %nest, ptr %s.ptr, i64 %s.len) #0 {
entry:
  %short = icmp slt i64 %s.len, 2
  br i1 %short, label %empty, label %cut

empty:
  ret { ptr, i64 } zeroinitializer

cut:
  %p = getelementptr inbounds i8, ptr %s.ptr, i64 1
  %l = sub i64 %s.len, 2
  %r0 = insertvalue { ptr, i64 } undef, ptr %p, 0
  %r1 = insertvalue { ptr, i64 } %r0, i64 %l, 1
  ret { ptr, i64 } %r1
}

; func reverseInto(dst, src []byte) int: copies min(len) bytes of src, last
; first, and returns how many.
define i64 @main.reverseInto(ptr nest %nest, ptr byval(%slice) align 8 %dst, ptr byval(%slice) align 8 %src) #0 {
entry:
  %dp = load ptr, ptr %dst, align 8
  %dlenp = getelementptr inbounds %slice, ptr %dst, i32 0, i32 1
  %dlen = load i64, ptr %dlenp, align 8
  %sp = load ptr, ptr %src, align 8
  %slenp = getelementptr inbounds %slice, ptr %src, i32 0, i32 1
  %slen = load i64, ptr %slenp, align 8
  %lt = icmp slt i64 %dlen, %slen
  %n = select i1 %lt, i64 %dlen, i64 %slen
  %empty = icmp sle i64 %n, 0
  br i1 %empty, label %done, label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %j0 = sub i64 %slen, 1
  %j = sub i64 %j0, %i
  %cp = getelementptr inbounds i8, ptr %sp, i64 %j
  %c = load i8, ptr %cp, align 1
  %dcp = getelementptr inbounds i8, ptr %dp, i64 %i
  store i8 %c, ptr %dcp, align 1
  %i.next = add i64 %i, 1
  %more = icmp slt i64 %i.next, %n
  br i1 %more, label %loop, label %done

done:
  ret i64 %n
}

declare ptr @runtime.makeslice(ptr nest, ptr, i64, i64)

attributes #0 = { null_pointer_is_valid "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" }
