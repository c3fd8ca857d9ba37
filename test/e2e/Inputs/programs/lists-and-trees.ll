; A whole Go program in Gollvm-style IR (main.main, __go_init_main, ptr nest
; first, "split-stack"), written for test/e2e: it allocates linked lists and
; binary trees with runtime.newobject from its own type descriptors (libgo's
; _type header: size, ptrdata, hash, tflag, align, fieldAlign, kind, equal,
; gcdata, string, uncommon, ptrToThis), stores pointers through libgo's write
; barrier, keeps some lists alive in a heap array across runtime.GC() calls,
; and prints its sums on stdout with syscall.Write. Run by
; program-lists-and-trees.test (go-llc builds against the llc build).
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

%_type = type { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }
%slice = type { ptr, i64, i64 }
%string = type { ptr, i64 }
%writeResult = type { i64, { ptr, ptr } }

@gcbits.1 = internal constant [1 x i8] c"\01"
@gcbits.3 = internal constant [1 x i8] c"\03"
@gcbits.f = internal constant [1 x i8] c"\0F"
@main.node..name = internal constant [9 x i8] c"main.node"
@main.node..str = internal constant %string { ptr @main.node..name, i64 9 }
@main.tnode..name = internal constant [10 x i8] c"main.tnode"
@main.tnode..str = internal constant %string { ptr @main.tnode..name, i64 10 }
@main.keep..name = internal constant [13 x i8] c"[4]*main.node"
@main.keep..str = internal constant %string { ptr @main.keep..name, i64 13 }

; type node struct { next *node; val int64 }          (kind 25 = struct)
@main.node..d = internal constant %_type { i64 16, i64 8, i32 305419896, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @gcbits.1, ptr @main.node..str, ptr null, ptr null }
; type tnode struct { left, right *tnode; val int64 }
@main.tnode..d = internal constant %_type { i64 24, i64 16, i32 305419897, i8 0, i8 8, i8 8, i8 25, ptr null, ptr @gcbits.3, ptr @main.tnode..str, ptr null, ptr null }
; [4]*node                                             (kind 17 = array)
@main.keep..d = internal constant %_type { i64 32, i64 32, i32 305419898, i8 0, i8 8, i8 8, i8 17, ptr null, ptr @gcbits.f, ptr @main.keep..str, ptr null, ptr null }

@runtime.writeBarrier = external global i32

@str.total = internal constant [5 x i8] c"total"
@str.kept = internal constant [4 x i8] c"kept"
@str.nodes = internal constant [10 x i8] c"tree nodes"
@str.tsum = internal constant [8 x i8] c"tree sum"

; *slot = val, with libgo's write barrier as Gollvm emits it.
define internal void @main.storePtr(ptr nest %nest, ptr %slot, ptr %val) #0 {
entry:
  %wb = load i32, ptr @runtime.writeBarrier, align 8
  %on = icmp ne i32 %wb, 0
  br i1 %on, label %barrier, label %plain

barrier:
  call void @runtime.gcWriteBarrier(ptr nest undef, ptr %slot, ptr %val)
  ret void

plain:
  store ptr %val, ptr %slot, align 8
  ret void
}

; func buildList(n int) *node: vals 1..n, head holds n.
define internal ptr @main.buildList(ptr nest %nest, i64 %n) #0 {
entry:
  %none = icmp sle i64 %n, 0
  br i1 %none, label %done, label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %head = phi ptr [ null, %entry ], [ %node, %loop ]
  %node = call ptr @runtime.newobject(ptr nest undef, ptr @main.node..d)
  %i.next = add i64 %i, 1
  %valp = getelementptr inbounds i8, ptr %node, i64 8
  store i64 %i.next, ptr %valp, align 8
  call void @main.storePtr(ptr nest undef, ptr %node, ptr %head)
  %more = icmp slt i64 %i.next, %n
  br i1 %more, label %loop, label %done

done:
  %r = phi ptr [ null, %entry ], [ %node, %loop ]
  ret ptr %r
}

define internal i64 @main.sumList(ptr nest %nest, ptr %l) #0 {
entry:
  %empty = icmp eq ptr %l, null
  br i1 %empty, label %done, label %loop

loop:
  %p = phi ptr [ %l, %entry ], [ %next, %loop ]
  %acc = phi i64 [ 0, %entry ], [ %acc.next, %loop ]
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

; func buildTree(depth, val int) *tnode: a full tree, node vals val, 2val, 2val+1...
define internal ptr @main.buildTree(ptr nest %nest, i64 %depth, i64 %val) #0 {
entry:
  %t = call ptr @runtime.newobject(ptr nest undef, ptr @main.tnode..d)
  %valp = getelementptr inbounds i8, ptr %t, i64 16
  store i64 %val, ptr %valp, align 8
  %leaf = icmp sle i64 %depth, 1
  br i1 %leaf, label %done, label %kids

kids:
  %d1 = sub i64 %depth, 1
  %lv = shl i64 %val, 1
  %rv = or i64 %lv, 1
  %l = call ptr @main.buildTree(ptr nest undef, i64 %d1, i64 %lv)
  call void @main.storePtr(ptr nest undef, ptr %t, ptr %l)
  %r = call ptr @main.buildTree(ptr nest undef, i64 %d1, i64 %rv)
  %rp = getelementptr inbounds i8, ptr %t, i64 8
  call void @main.storePtr(ptr nest undef, ptr %rp, ptr %r)
  br label %done

done:
  ret ptr %t
}

; func walkTree(t *tnode, count *int) int: sum of vals, *count += nodes.
define internal i64 @main.walkTree(ptr nest %nest, ptr %t, ptr %count) #0 {
entry:
  %nil = icmp eq ptr %t, null
  br i1 %nil, label %zero, label %visit

zero:
  ret i64 0

visit:
  %c = load i64, ptr %count, align 8
  %c1 = add i64 %c, 1
  store i64 %c1, ptr %count, align 8
  %l = load ptr, ptr %t, align 8
  %ls = call i64 @main.walkTree(ptr nest undef, ptr %l, ptr %count)
  %rp = getelementptr inbounds i8, ptr %t, i64 8
  %r = load ptr, ptr %rp, align 8
  %rs = call i64 @main.walkTree(ptr nest undef, ptr %r, ptr %count)
  %valp = getelementptr inbounds i8, ptr %t, i64 16
  %v = load i64, ptr %valp, align 8
  %s1 = add i64 %ls, %rs
  %s = add i64 %s1, %v
  ret i64 %s
}

; Writes "<label> <v>\n" to stdout with syscall.Write(1, buf[:n]).
define internal void @main.printLine(ptr nest %nest, ptr %label, i64 %label.len, i64 %v) #0 {
entry:
  %buf = alloca [64 x i8], align 8
  %digits = alloca [24 x i8], align 8
  %res = alloca %writeResult, align 8
  %arg = alloca %slice, align 8
  call void @llvm.memcpy.p0.p0.i64(ptr %buf, ptr %label, i64 %label.len, i1 false)
  %sp = getelementptr inbounds i8, ptr %buf, i64 %label.len
  store i8 32, ptr %sp, align 1
  %neg = icmp slt i64 %v, 0
  %abs0 = sub i64 0, %v
  %abs = select i1 %neg, i64 %abs0, i64 %v
  br label %digit

digit:
  %k = phi i64 [ 0, %entry ], [ %k.next, %digit ]
  %x = phi i64 [ %abs, %entry ], [ %x.next, %digit ]
  %q = udiv i64 %x, 10
  %m = urem i64 %x, 10
  %m8 = trunc i64 %m to i8
  %ch = add i8 %m8, 48
  %dp = getelementptr inbounds [24 x i8], ptr %digits, i64 0, i64 %k
  store i8 %ch, ptr %dp, align 1
  %k.next = add i64 %k, 1
  %x.next = add i64 %q, 0
  %more = icmp ne i64 %q, 0
  br i1 %more, label %digit, label %sign

sign:
  %pos0 = add i64 %label.len, 1
  br i1 %neg, label %minus, label %copy.pre

minus:
  %mp = getelementptr inbounds i8, ptr %buf, i64 %pos0
  store i8 45, ptr %mp, align 1
  %pos1 = add i64 %pos0, 1
  br label %copy.pre

copy.pre:
  %start = phi i64 [ %pos0, %sign ], [ %pos1, %minus ]
  br label %copy

copy:
  %j = phi i64 [ 0, %copy.pre ], [ %j.next, %copy ]
  %src.i0 = sub i64 %k.next, 1
  %src.i = sub i64 %src.i0, %j
  %srcp = getelementptr inbounds [24 x i8], ptr %digits, i64 0, i64 %src.i
  %c = load i8, ptr %srcp, align 1
  %dst.i = add i64 %start, %j
  %dstp = getelementptr inbounds i8, ptr %buf, i64 %dst.i
  store i8 %c, ptr %dstp, align 1
  %j.next = add i64 %j, 1
  %cmore = icmp ult i64 %j.next, %k.next
  br i1 %cmore, label %copy, label %write

write:
  %nl.i = add i64 %start, %k.next
  %nlp = getelementptr inbounds i8, ptr %buf, i64 %nl.i
  store i8 10, ptr %nlp, align 1
  %len = add i64 %nl.i, 1
  store ptr %buf, ptr %arg, align 8
  %lenp = getelementptr inbounds %slice, ptr %arg, i32 0, i32 1
  store i64 %len, ptr %lenp, align 8
  %capp = getelementptr inbounds %slice, ptr %arg, i32 0, i32 2
  store i64 64, ptr %capp, align 8
  call void @syscall.Write(ptr sret(%writeResult) %res, ptr nest undef, i64 1, ptr byval(%slice) align 8 %arg)
  ret void
}

define void @main.main(ptr nest %nest) #0 {
entry:
  %count = alloca i64, align 8
  %keep = call ptr @runtime.newobject(ptr nest undef, ptr @main.keep..d)
  br label %round

round:
  %r = phi i64 [ 0, %entry ], [ %r.next, %round.end ]
  %total = phi i64 [ 0, %entry ], [ %total.next, %round.end ]
  %n = add i64 %r, 300
  %list = call ptr @main.buildList(ptr nest undef, i64 %n)
  %s = call i64 @main.sumList(ptr nest undef, ptr %list)
  %total.next = add i64 %total, %s
  %slot.i = and i64 %r, 3
  %slot = getelementptr inbounds ptr, ptr %keep, i64 %slot.i
  call void @main.storePtr(ptr nest undef, ptr %slot, ptr %list)
  %r7 = and i64 %r, 7
  %gc = icmp eq i64 %r7, 7
  br i1 %gc, label %collect, label %round.end

collect:
  call void @runtime.GC(ptr nest undef)
  br label %round.end

round.end:
  %r.next = add i64 %r, 1
  %more = icmp slt i64 %r.next, 40
  br i1 %more, label %round, label %report

report:
  call void @main.printLine(ptr nest undef, ptr @str.total, i64 5, i64 %total.next)
  br label %kept

kept:
  %i = phi i64 [ 0, %report ], [ %i.next, %kept ]
  %kp = getelementptr inbounds ptr, ptr %keep, i64 %i
  %kl = load ptr, ptr %kp, align 8
  %ks = call i64 @main.sumList(ptr nest undef, ptr %kl)
  call void @main.printLine(ptr nest undef, ptr @str.kept, i64 4, i64 %ks)
  %i.next = add i64 %i, 1
  %kmore = icmp slt i64 %i.next, 4
  br i1 %kmore, label %kept, label %tree

tree:
  %t = call ptr @main.buildTree(ptr nest undef, i64 12, i64 1)
  call void @runtime.GC(ptr nest undef)
  %garbage = call ptr @main.buildTree(ptr nest undef, i64 10, i64 -1)
  call void @runtime.GC(ptr nest undef)
  store i64 0, ptr %count, align 8
  %ts = call i64 @main.walkTree(ptr nest undef, ptr %t, ptr %count)
  %tc = load i64, ptr %count, align 8
  call void @main.printLine(ptr nest undef, ptr @str.nodes, i64 10, i64 %tc)
  call void @main.printLine(ptr nest undef, ptr @str.tsum, i64 8, i64 %ts)
  ret void
}

; The main package's init runs the runtime package's initializers, as
; gccgo's does: without them libgo 12's collector corrupts its own state on
; the first collection with real work.
define void @__go_init_main(ptr nest %nest) #0 {
entry:
  call void @internal_1cpu..import(ptr nest undef)
  call void @runtime..import(ptr nest undef)
  ret void
}

declare void @internal_1cpu..import(ptr nest)
declare void @runtime..import(ptr nest)

declare ptr @runtime.newobject(ptr nest, ptr)
declare void @runtime.gcWriteBarrier(ptr nest, ptr, ptr)
declare void @runtime.GC(ptr nest)
declare void @syscall.Write(ptr sret(%writeResult), ptr nest, i64, ptr byval(%slice) align 8)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

attributes #0 = { null_pointer_is_valid "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" }
