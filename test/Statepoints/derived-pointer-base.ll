; RUN: opt %loadgo -passes='function(print<go-safepoints>)' -disable-output %s | FileCheck %s
; RUN: opt %loadgo -passes=go-statepoints -S %s | FileCheck %s --check-prefix=IR
; RUN: opt %loadgo -passes=go-statepoints,verify -disable-output %s
; A derived pointer is recorded through its base unless it is provably
; inside its object: the optimizer hoists `s[i-1]` to `%s - 8`, makes end
; pointers and merges pointers into different objects in phis and selects.
; Recording such a value instead of its base keeps the wrong object (or
; none) alive while the base is dead.

target triple = "x86_64-unknown-linux-gnu"

%_type.0 = type { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }
@T16..d = constant %_type.0 { i64 16, i64 8, i32 1, i8 0, i8 8, i8 8, i8 25, ptr null, ptr null, ptr null, ptr null, ptr null }
@T8..d = constant %_type.0 { i64 8, i64 8, i32 1, i8 0, i8 8, i8 8, i8 25, ptr null, ptr null, ptr null, ptr null, ptr null }

declare void @main.work(ptr nest)
declare ptr @runtime.newobject(ptr nest, ptr)

; Out of the object, before it: the base is recorded, not %d.
; CHECK-LABEL: Safepoints for 'main.before'
; CHECK-NEXT: call @main.work: live [%s] objects []
define i64 @main.before(ptr nest %nest, ptr %s) gc "go" {
  %d = getelementptr i8, ptr %s, i64 -8
  call void @main.work(ptr nest undef)
  %v = load i64, ptr %d
  ret i64 %v
}

; A positive offset into an object of unknown size may be its end: base.
; CHECK-LABEL: Safepoints for 'main.unknown_size'
; CHECK-NEXT: call @main.work: live [%s] objects []
define i64 @main.unknown_size(ptr nest %nest, ptr %s) gc "go" {
  %d = getelementptr inbounds i8, ptr %s, i64 16
  call void @main.work(ptr nest undef)
  %v = load i64, ptr %d
  ret i64 %v
}

; Inside an object whose size is known (its type descriptor says 16 bytes,
; or dereferenceable(24)): the derived pointer itself, the base stays dead.
; At offset 8 of an 8-byte object (its end): the base.
; CHECK-LABEL: Safepoints for 'main.known_size'
; CHECK-NEXT: call @runtime.newobject: live [%arg] objects []
; CHECK-NEXT: call @runtime.newobject: live [%arg, %f] objects []
; CHECK-NEXT: call @main.work: live [%arg, %f, %e.obj] objects []
; CHECK-NEXT: call @main.work: live [%f, %e.obj, %g] objects []
define i64 @main.known_size(ptr nest %nest, ptr dereferenceable(24) %arg) gc "go" {
  %obj = call ptr @runtime.newobject(ptr nest undef, ptr @T16..d)
  %f = getelementptr inbounds i8, ptr %obj, i64 8
  %e.obj = call ptr @runtime.newobject(ptr nest undef, ptr @T8..d)
  %e = getelementptr inbounds i8, ptr %e.obj, i64 8
  call void @main.work(ptr nest undef)
  %g = getelementptr inbounds i8, ptr %arg, i64 16
  call void @main.work(ptr nest undef)
  %a = load i64, ptr %f
  %b = load i64, ptr %e
  %c = load i64, ptr %g
  %s1 = add i64 %a, %b
  %s2 = add i64 %s1, %c
  ret i64 %s2
}

; A phi of pointers into different objects gets a base phi; one whose
; inputs share a base is recorded through that base; a loop walking a
; pointer keeps the pointer it started from.
; CHECK-LABEL: Safepoints for 'main.merge'
; CHECK-NEXT: call @main.work: live [%a, %b, %m.go.base] objects []
; CHECK-NEXT: call @main.work: live [%a, %b] objects []
; CHECK-NEXT: call @main.work: live [%sel.go.base] objects []
; IR-LABEL: @main.merge(
; IR: %m.go.base = phi ptr [ %a, %left ], [ %b, %right ]
; IR: %sel.go.base = select i1 %c, ptr %a{{[.a-z0-9]*}}, ptr %b{{[.a-z0-9]*}}
define i64 @main.merge(ptr nest %nest, ptr %a, ptr %b, i1 %c) gc "go" {
entry:
  br i1 %c, label %left, label %right
left:
  %da = getelementptr i8, ptr %a, i64 24
  %sa = getelementptr i8, ptr %a, i64 -8
  br label %join
right:
  %db = getelementptr i8, ptr %b, i64 -16
  %sa2 = getelementptr i8, ptr %a, i64 32
  br label %join
join:
  %m = phi ptr [ %da, %left ], [ %db, %right ]
  %same = phi ptr [ %sa, %left ], [ %sa2, %right ]
  call void @main.work(ptr nest undef)
  %x = load i64, ptr %m
  call void @main.work(ptr nest undef)
  %y = load i64, ptr %same
  %pa = getelementptr i8, ptr %a, i64 -24
  %pb = getelementptr i8, ptr %b, i64 40
  %sel = select i1 %c, ptr %pa, ptr %pb
  call void @main.work(ptr nest undef)
  %z = load i64, ptr %sel
  %s1 = add i64 %x, %y
  %s2 = add i64 %s1, %z
  ret i64 %s2
}

; CHECK-LABEL: Safepoints for 'main.walk'
; CHECK-NEXT: call @main.work: live [%s] objects []
define i64 @main.walk(ptr nest %nest, ptr %s, i64 %n) gc "go" {
entry:
  %end = getelementptr i64, ptr %s, i64 %n
  br label %loop
loop:
  %p = phi ptr [ %s, %entry ], [ %p.next, %loop ]
  %acc = phi i64 [ 0, %entry ], [ %acc.next, %loop ]
  %v = load i64, ptr %p
  %acc.next = add i64 %acc, %v
  %p.next = getelementptr i64, ptr %p, i64 1
  %done = icmp eq ptr %p.next, %end
  br i1 %done, label %exit, label %loop
exit:
  call void @main.work(ptr nest undef)
  %last = getelementptr i64, ptr %p.next, i64 -1
  %w = load i64, ptr %last
  %r = add i64 %acc.next, %w
  ret i64 %r
}

; Vectors of pointers derived from one pointer, and a Go slice whose data
; pointer was derived out of its object: the base, not the vector lanes or
; the slice's field.
; CHECK-LABEL: Safepoints for 'main.vector_and_slice'
; CHECK-NEXT: call @main.work: live [%a, %b] objects []
define i64 @main.vector_and_slice(ptr nest %nest, ptr %a, ptr %b) gc "go" {
  %ins = insertelement <2 x ptr> poison, ptr %a, i64 0
  %splat = shufflevector <2 x ptr> %ins, <2 x ptr> poison, <2 x i32> zeroinitializer
  %vg = getelementptr i8, <2 x ptr> %splat, <2 x i64> <i64 -8, i64 64>
  %d = getelementptr i8, ptr %b, i64 -8
  %sl = insertvalue { ptr, i64, i64 } undef, ptr %d, 0
  %sl2 = insertvalue { ptr, i64, i64 } %sl, i64 4, 1
  call void @main.work(ptr nest undef)
  %l0 = extractelement <2 x ptr> %vg, i64 1
  %v0 = load i64, ptr %l0
  %sp = extractvalue { ptr, i64, i64 } %sl2, 0
  %v1 = load i64, ptr %sp
  %r = add i64 %v0, %v1
  ret i64 %r
}
