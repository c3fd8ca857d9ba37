; REQUIRES: x86_64-host, clang
; RUN: rm -rf %t && mkdir -p %t
; RUN: sed -e 's/UNIQ/first/' %s > %t/a.ll
; RUN: sed -e 's/UNIQ/second/' %s > %t/b.ll
; RUN: llc -load=%gopasses -relocation-model=pic -filetype=obj %t/a.ll -o %t/a.o
; RUN: llc -load=%gopasses -relocation-model=pic -filetype=obj %t/b.ll -o %t/b.o
; RUN: llvm-readelf -g %t/a.o | FileCheck %s --check-prefix=GROUP
; RUN: go-stackmap-dump %t/a.o | FileCheck %s --check-prefix=OBJ
; RUN: echo 'void callee(void *p) {} int main(void) { return 0; }' > %t/main.c
; RUN: %clang %t/main.c %t/a.o %t/b.o -o %t/prog
; RUN: go-stackmap-dump --verify %t/prog | FileCheck %s --check-prefix=PROG
;
; A linkonce_odr function in a COMDAT group gets its own table in a
; go_stackmap section of the same group: linking two objects that both
; define it keeps one copy of the code and exactly its table (a table
; outside the group would refer to the discarded copy, which the linker
; rejects).

; GROUP:      COMDAT group section [{{ *[0-9]+}}] `.group' [shared] contains
; GROUP:        go_stackmap
; GROUP-NEXT:   .relago_stackmap
; OBJ:        2 table(s)
; OBJ-NEXT:   table at 0x0 of section {{[0-9]+}}: 88 bytes, 1 function(s)
; OBJ-NEXT:   function shared at 0x0
; OBJ:        table at 0x0 of section {{[0-9]+}}: 88 bytes, 1 function(s)
; OBJ-NEXT:   function first at 0x0
; PROG:       3 table(s)
; PROG-COUNT-1: function shared at
; PROG-NOT:   function shared at
; PROG:       verify: ok

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

$shared = comdat any

declare void @callee(ptr)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
declare ptr @llvm.experimental.gc.relocate.p0(token, i32, i32)

define linkonce_odr ptr @shared(ptr %a) comdat gc "go" {
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 1, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr null, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(ptr %a)]
  %a2 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 0, i32 0)
  ret ptr %a2
}

define ptr @UNIQ(ptr %a) gc "go" {
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 2, i32 0, ptr elementtype(void (ptr)) @shared, i32 1, i32 0, ptr %a, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(ptr %a)]
  %a2 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 0, i32 0)
  ret ptr %a2
}
