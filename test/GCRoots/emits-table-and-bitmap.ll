; RUN: opt %loadgo -passes=go-gc-roots -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-gc-roots -S %s | opt -passes=verify -disable-output
; A Gollvm module with pointer-bearing writable globals and no root list gets
; one in libgo's layout {next, count, [count x {decl, size, ptrdata, gcdata}]}:
; size is the alloc size, ptrdata ends after the last pointer word, gcdata has
; one bit per word, least significant bit first. Constants, declarations and
; pointer-free globals are not roots.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

%T = type { i64, ptr, i32, { ptr, i64 } }

; Words: 0 = i64, 1 = ptr, 2 = i32, 3 = ptr, 4 = i64 -> mask 0b01010, ptrdata 32.
@main.t = global %T zeroinitializer
; 10 words, pointers at 0 and 9 -> mask bytes 0x01, 0x02, ptrdata 80.
@main.arr = internal global { ptr, [8 x i64], ptr } zeroinitializer
; A [3 x {i64, ptr}] array: words 1, 3, 5 -> 0b101010, ptrdata 48.
@main.pairs = global [3 x { i64, ptr }] zeroinitializer
@main.p = global ptr null
@main.n = global i64 0
@main.ro = constant ptr @main.n
@other.ext = external global ptr

; CHECK-DAG: @go..gcmask.main.t = private unnamed_addr constant [1 x i8] c"\0A", align 1
; CHECK-DAG: @go..gcmask.main.arr = private unnamed_addr constant [2 x i8] c"\01\02", align 1
; CHECK-DAG: @go..gcmask.main.pairs = private unnamed_addr constant [1 x i8] c"*", align 1
; CHECK-DAG: @go..gcmask.main.p = private unnamed_addr constant [1 x i8] c"\01", align 1
; CHECK-DAG: @go..gcroots = internal global { ptr, i64, [4 x { ptr, i64, i64, ptr }] } { ptr null, i64 4, [4 x { ptr, i64, i64, ptr }] [{ ptr, i64, i64, ptr } { ptr @main.t, i64 40, i64 32, ptr @go..gcmask.main.t }, { ptr, i64, i64, ptr } { ptr @main.arr, i64 80, i64 80, ptr @go..gcmask.main.arr }, { ptr, i64, i64, ptr } { ptr @main.pairs, i64 48, i64 48, ptr @go..gcmask.main.pairs }, { ptr, i64, i64, ptr } { ptr @main.p, i64 8, i64 8, ptr @go..gcmask.main.p }] }, align 8
; CHECK-NOT: @go..gcmask.main.n
; CHECK-NOT: @go..gcmask.main.ro

; CHECK-LABEL: define void @__go_init_main(
; CHECK-NEXT: entry:
; CHECK-NEXT: call void @runtime.registerGCRoots(ptr nest poison, ptr @go..gcroots)
; CHECK-NEXT: call void @main..import2(
define void @__go_init_main(ptr nest %nest) "split-stack" {
entry:
  call void @main..import2(ptr nest undef)
  ret void
}

declare void @main..import2(ptr)
; CHECK: declare void @runtime.registerGCRoots(ptr, ptr)
