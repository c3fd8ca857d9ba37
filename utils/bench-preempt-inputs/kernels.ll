; Loop kernels for utils/bench-preempt, written the way Gollvm lowers the
; Go code in the comments: closure context `ptr nest` first, slices as
; (ptr, len, cap), "split-stack" and Gollvm's other function attributes.
; The harness (harness.c) calls them through asm labels.

target triple = "x86_64-unknown-linux-gnu"

%main.node = type { ptr, i64 }
%main.tree = type { ptr, ptr, i64 }

; func sum(s []int64) (t int64) { for _, v := range s { t += v }; return }
define i64 @main.sum(ptr nest %nest, ptr %p, i64 %len, i64 %cap) #0 {
entry:
  %empty = icmp slt i64 %len, 1
  br i1 %empty, label %exit, label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %t = phi i64 [ 0, %entry ], [ %t.next, %loop ]
  %pi = getelementptr inbounds i64, ptr %p, i64 %i
  %v = load i64, ptr %pi, align 8
  %t.next = add i64 %t, %v
  %i.next = add nuw nsw i64 %i, 1
  %more = icmp slt i64 %i.next, %len
  br i1 %more, label %loop, label %exit
exit:
  %r = phi i64 [ 0, %entry ], [ %t.next, %loop ]
  ret i64 %r
}

; func dot(a, b []int32) (t int32) { for i := range a { t += a[i] * b[i] }; return }
; (b's bounds check hoisted: len(b) >= len(a) checked by the caller)
define i32 @main.dot(ptr nest %nest, ptr %a, i64 %alen, i64 %acap, ptr %b, i64 %blen, i64 %bcap) #0 {
entry:
  %empty = icmp slt i64 %alen, 1
  br i1 %empty, label %exit, label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %t = phi i32 [ 0, %entry ], [ %t.next, %loop ]
  %pa = getelementptr inbounds i32, ptr %a, i64 %i
  %pb = getelementptr inbounds i32, ptr %b, i64 %i
  %va = load i32, ptr %pa, align 4
  %vb = load i32, ptr %pb, align 4
  %m = mul i32 %va, %vb
  %t.next = add i32 %t, %m
  %i.next = add nuw nsw i64 %i, 1
  %more = icmp slt i64 %i.next, %alen
  br i1 %more, label %loop, label %exit
exit:
  %r = phi i32 [ 0, %entry ], [ %t.next, %loop ]
  ret i32 %r
}

; func saxpy(a float32, x, y []float32) { for i := range x { y[i] += a * x[i] } }
define void @main.saxpy(ptr nest %nest, float %a, ptr %x, i64 %xlen, i64 %xcap, ptr %y, i64 %ylen, i64 %ycap) #0 {
entry:
  %empty = icmp slt i64 %xlen, 1
  br i1 %empty, label %exit, label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %px = getelementptr inbounds float, ptr %x, i64 %i
  %py = getelementptr inbounds float, ptr %y, i64 %i
  %vx = load float, ptr %px, align 4
  %vy = load float, ptr %py, align 4
  %ax = fmul float %a, %vx
  %s = fadd float %vy, %ax
  store float %s, ptr %py, align 4
  %i.next = add nuw nsw i64 %i, 1
  %more = icmp slt i64 %i.next, %xlen
  br i1 %more, label %loop, label %exit
exit:
  ret void
}

; func copyInts(dst, src []int64) { for i := range src { dst[i] = src[i] ^ 1 } }
; (an xor keeps LLVM from turning the loop into a memcpy call)
define void @main.copyInts(ptr nest %nest, ptr %d, i64 %dlen, i64 %dcap, ptr %s, i64 %slen, i64 %scap) #0 {
entry:
  %empty = icmp slt i64 %slen, 1
  br i1 %empty, label %exit, label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %ps = getelementptr inbounds i64, ptr %s, i64 %i
  %pd = getelementptr inbounds i64, ptr %d, i64 %i
  %v = load i64, ptr %ps, align 8
  %x = xor i64 %v, 1
  store i64 %x, ptr %pd, align 8
  %i.next = add nuw nsw i64 %i, 1
  %more = icmp slt i64 %i.next, %slen
  br i1 %more, label %loop, label %exit
exit:
  ret void
}

; func indexByte(s []byte, c byte) int { for i, b := range s { if b == c { return i } }; return -1 }
define i64 @main.indexByte(ptr nest %nest, ptr %p, i64 %len, i64 %cap, i8 zeroext %c) #0 {
entry:
  %empty = icmp slt i64 %len, 1
  br i1 %empty, label %notfound, label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %next ]
  %pi = getelementptr inbounds i8, ptr %p, i64 %i
  %b = load i8, ptr %pi, align 1
  %eq = icmp eq i8 %b, %c
  br i1 %eq, label %found, label %next
next:
  %i.next = add nuw nsw i64 %i, 1
  %more = icmp slt i64 %i.next, %len
  br i1 %more, label %loop, label %notfound
found:
  ret i64 %i
notfound:
  ret i64 -1
}

; func matmul(c, a, b []float64, n int) {
;   for i := 0; i < n; i++ { for k := 0; k < n; k++ { aik := a[i*n+k]
;     for j := 0; j < n; j++ { c[i*n+j] += aik * b[k*n+j] } } } }
define void @main.matmul(ptr nest %nest, ptr noalias %c, i64 %clen, i64 %ccap, ptr noalias %a, i64 %alen, i64 %acap, ptr noalias %b, i64 %blen, i64 %bcap, i64 %n) #0 {
entry:
  %empty = icmp slt i64 %n, 1
  br i1 %empty, label %exit, label %iloop
iloop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %ilatch ]
  %in = mul nsw i64 %i, %n
  br label %kloop
kloop:
  %k = phi i64 [ 0, %iloop ], [ %k.next, %klatch ]
  %ik = add nsw i64 %in, %k
  %paik = getelementptr inbounds double, ptr %a, i64 %ik
  %aik = load double, ptr %paik, align 8
  %kn = mul nsw i64 %k, %n
  br label %jloop
jloop:
  %j = phi i64 [ 0, %kloop ], [ %j.next, %jloop ]
  %ij = add nsw i64 %in, %j
  %kj = add nsw i64 %kn, %j
  %pc = getelementptr inbounds double, ptr %c, i64 %ij
  %pb = getelementptr inbounds double, ptr %b, i64 %kj
  %vc = load double, ptr %pc, align 8
  %vb = load double, ptr %pb, align 8
  %prod = fmul double %aik, %vb
  %sum = fadd double %vc, %prod
  store double %sum, ptr %pc, align 8
  %j.next = add nuw nsw i64 %j, 1
  %jmore = icmp slt i64 %j.next, %n
  br i1 %jmore, label %jloop, label %klatch
klatch:
  %k.next = add nuw nsw i64 %k, 1
  %kmore = icmp slt i64 %k.next, %n
  br i1 %kmore, label %kloop, label %ilatch
ilatch:
  %i.next = add nuw nsw i64 %i, 1
  %imore = icmp slt i64 %i.next, %n
  br i1 %imore, label %iloop, label %exit
exit:
  ret void
}

; type node struct { next *node; val int64 }
; func listSum(l *node) (t int64) { for ; l != nil; l = l.next { t += l.val }; return }
define i64 @main.listSum(ptr nest %nest, ptr %l) #0 {
entry:
  %null = icmp eq ptr %l, null
  br i1 %null, label %exit, label %loop
loop:
  %n = phi ptr [ %l, %entry ], [ %next, %loop ]
  %t = phi i64 [ 0, %entry ], [ %t.next, %loop ]
  %pv = getelementptr inbounds %main.node, ptr %n, i64 0, i32 1
  %v = load i64, ptr %pv, align 8
  %t.next = add i64 %t, %v
  %next = load ptr, ptr %n, align 8
  %end = icmp eq ptr %next, null
  br i1 %end, label %exit, label %loop
exit:
  %r = phi i64 [ 0, %entry ], [ %t.next, %loop ]
  ret i64 %r
}

; type tree struct { left, right *tree; val int64 }
; func treeSum(t *tree) int64 { if t == nil { return 0 }; return t.val + treeSum(t.left) + treeSum(t.right) }
define i64 @main.treeSum(ptr nest %nest, ptr %t) #0 {
entry:
  %null = icmp eq ptr %t, null
  br i1 %null, label %nil, label %walk
nil:
  ret i64 0
walk:
  %pl = getelementptr inbounds %main.tree, ptr %t, i64 0, i32 0
  %l = load ptr, ptr %pl, align 8
  %sl = call i64 @main.treeSum(ptr nest undef, ptr %l)
  %pr = getelementptr inbounds %main.tree, ptr %t, i64 0, i32 1
  %r = load ptr, ptr %pr, align 8
  %sr = call i64 @main.treeSum(ptr nest undef, ptr %r)
  %pv = getelementptr inbounds %main.tree, ptr %t, i64 0, i32 2
  %v = load i64, ptr %pv, align 8
  %a = add i64 %v, %sl
  %s = add i64 %a, %sr
  ret i64 %s
}

; func hash(s string) (h uint32) { h = 2166136261; for i := 0; i < len(s); i++ { h = (h ^ uint32(s[i])) * 16777619 }; return }
define i32 @main.hash(ptr nest %nest, ptr %p, i64 %len) #0 {
entry:
  %empty = icmp slt i64 %len, 1
  br i1 %empty, label %exit, label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %h = phi i32 [ -2128831035, %entry ], [ %h.next, %loop ]
  %pi = getelementptr inbounds i8, ptr %p, i64 %i
  %b = load i8, ptr %pi, align 1
  %bz = zext i8 %b to i32
  %x = xor i32 %h, %bz
  %h.next = mul i32 %x, 16777619
  %i.next = add nuw nsw i64 %i, 1
  %more = icmp slt i64 %i.next, %len
  br i1 %more, label %loop, label %exit
exit:
  %r = phi i32 [ -2128831035, %entry ], [ %h.next, %loop ]
  ret i32 %r
}

attributes #0 = { "split-stack" "frame-pointer"="none" "disable-tail-calls"="true" null_pointer_is_valid }
