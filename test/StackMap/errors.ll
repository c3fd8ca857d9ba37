; RUN: split-file %s %t
; RUN: not llc -load=%gopasses -max-registers-for-gc-values=4 -fixup-allow-gcptr-in-csr -filetype=obj %t/register.ll -o /dev/null 2>&1 | FileCheck %s --check-prefix=REG
; RUN: not go-llc -O0 -gc=none -max-registers-for-gc-values=4 -fixup-allow-gcptr-in-csr -filetype=obj %t/register.ll -o %t/register.o 2>&1 | FileCheck %s --check-prefix=GOLLC
; RUN: not llc -load=%gopasses -filetype=obj %t/dynamic.ll -o /dev/null 2>&1 | FileCheck %s --check-prefix=DYN
; RUN: not llc -load=%gopasses -filetype=obj %t/layout.ll -o /dev/null 2>&1 | FileCheck %s --check-prefix=LAYOUT
; RUN: not llc -load=%gopasses -filetype=obj %t/count.ll -o /dev/null 2>&1 | FileCheck %s --check-prefix=COUNT
; RUN: not llc -load=%gopasses -filetype=obj %t/old.ll -o /dev/null 2>&1 | FileCheck %s --check-prefix=OLD
; RUN: not llc -load=%gopasses -filetype=obj %t/bits.ll -o /dev/null 2>&1 | FileCheck %s --check-prefix=BITS
; RUN: llc -load=%gopasses -filetype=obj %t/dynamic-empty.ll -o %t/dynamic-empty.o
; RUN: go-stackmap-dump %t/dynamic-empty.o | FileCheck %s --check-prefix=EMPTYDYN
; RUN: not llc -load=%gopasses -filetype=obj -mtriple=x86_64-apple-macosx %t/count.ll -o /dev/null 2>&1 | FileCheck %s --check-prefix=TARGET
; RUN: llc -load=%gopasses -filetype=obj -mtriple=x86_64-apple-macosx -go-stackmap-format=llvm %t/count.ll -o /dev/null
; RUN: not llc -load=%gopasses -filetype=obj %t/stackmap.ll -o /dev/null 2>&1 | FileCheck %s --check-prefix=STACKMAP
; RUN: llc -load=%gopasses -filetype=obj -go-stackmap-format=llvm %t/stackmap.ll -o /dev/null
;
; What the go format cannot describe is one error line naming the function:
; a GC pointer kept in a register across the call (provoked here with LLVM's
; options for register-allocated GC values), a live slot below the frame
; pointer of a frame of variable size (a dynamic alloca: locals are
; %rbp-relative there; without live slots such a frame is fine, its return
; address is found through the frame pointer), a "deopt" bundle that is not
; a stack-object layout (too short, fewer objects than NumObjects, the old
; encoding without the alloca, bitmap bits beyond the object), a target
; other than x86-64 ELF, and a stackmap intrinsic in a gc "go" function
; (-go-stackmap-format=llvm still works for the last two).

; REG:    error: go_stackmap: function 'in_register': statepoint 1: a live GC pointer is in a register (DWARF {{[0-9]+}}); the go format records only stack slots
; GOLLC:  go-llc: error: {{.*}}register.ll: go_stackmap: function 'in_register': statepoint 1: a live GC pointer is in a register (DWARF {{[0-9]+}}); the go format records only stack slots{{$}}
; GOLLC-NOT: {{.}}
; DYN:    error: go_stackmap: function 'dynamic': statepoint 1: a live stack location at %rbp-{{[0-9]+}} lies below the frame pointer of a frame of variable size (dynamic alloca?); the go format cannot place it
; EMPTYDYN: function dynamic_empty at 0x0 frame_size variable code_size 0x{{[0-9a-f]+}}
; EMPTYDYN-NEXT: ret dynamic_empty+0x{{[0-9a-f]+}} live: none
; LAYOUT: error: go_stackmap: function 'bad_layout': statepoint 5: malformed stack-object layout in the deopt bundle: it ends before bitmap word 0 of stack object 0 (expected i64 NumObjects, then per object `ptr %alloca` and either i64 SizeInWords and bitmap words or i64 -SizeInWords, i64 NumRuns and (first word, words) pairs; docs/IRContract.md)
; COUNT:  error: go_stackmap: function 'bad_count': statepoint 6: malformed stack-object layout in the deopt bundle: it ends before stack object 1
; OLD:    error: go_stackmap: function 'old_encoding': statepoint 7: malformed stack-object layout in the deopt bundle: stack object 0 (deopt operand 1) is not a Direct stack location: is it a static alloca?
; BITS:   error: go_stackmap: function 'bad_bits': statepoint 8: malformed stack-object layout in the deopt bundle: stack object 0 has bitmap bits beyond its 2 words
; STACKMAP: error: go_stackmap: function 'with_stackmap': llvm.experimental.stackmap and patchpoint are not supported
; TARGET: error: go_stackmap: function 'bad_count': the go stack-map format supports x86-64 ELF only

;--- register.ll
target triple = "x86_64-unknown-linux-gnu"
declare void @callee(ptr)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
declare ptr @llvm.experimental.gc.relocate.p0(token, i32, i32)
define ptr @in_register(ptr %a) gc "go" {
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 1, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr null, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(ptr %a)]
  %a2 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 0, i32 0)
  ret ptr %a2
}

;--- dynamic.ll
target triple = "x86_64-unknown-linux-gnu"
declare void @callee(ptr)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
declare ptr @llvm.experimental.gc.relocate.p0(token, i32, i32)
define ptr @dynamic(ptr %a, i64 %n) gc "go" {
  %buf = alloca i8, i64 %n
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 1, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr %buf, i32 0, i32 0) ["deopt"(i64 0), "gc-live"(ptr %a)]
  %a2 = call ptr @llvm.experimental.gc.relocate.p0(token %tok, i32 0, i32 0)
  ret ptr %a2
}

;--- layout.ll
target triple = "x86_64-unknown-linux-gnu"
declare void @callee(ptr)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
define void @bad_layout() gc "go" {
  %obj = alloca { ptr, ptr }, align 8
  store { ptr, ptr } zeroinitializer, ptr %obj
  ; One object of 3 words, but no bitmap word.
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 5, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr %obj, i32 0, i32 0) ["deopt"(i64 1, ptr %obj, i64 3)]
  ret void
}

;--- count.ll
target triple = "x86_64-unknown-linux-gnu"
declare void @callee(ptr)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
define void @bad_count() gc "go" {
  %obj = alloca { ptr, ptr }, align 8
  store { ptr, ptr } zeroinitializer, ptr %obj
  ; Two objects announced, one given.
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 6, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr %obj, i32 0, i32 0) ["deopt"(i64 2, ptr %obj, i64 2, i64 3)]
  ret void
}

;--- old.ll
target triple = "x86_64-unknown-linux-gnu"
declare void @callee(ptr)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
define void @old_encoding() gc "go" {
  %obj = alloca { ptr, ptr }, align 8
  store { ptr, ptr } zeroinitializer, ptr %obj
  ; The encoding before the alloca moved into "deopt": the layout alone,
  ; the alloca in "gc-live".
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 7, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr %obj, i32 0, i32 0) ["deopt"(i64 1, i64 2, i64 3), "gc-live"(ptr %obj)]
  ret void
}

;--- bits.ll
target triple = "x86_64-unknown-linux-gnu"
declare void @callee(ptr)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
define void @bad_bits() gc "go" {
  %obj = alloca { ptr, ptr }, align 8
  store { ptr, ptr } zeroinitializer, ptr %obj
  ; A 2-word object with bit 2 set.
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 8, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr %obj, i32 0, i32 0) ["deopt"(i64 1, ptr %obj, i64 2, i64 7)]
  ret void
}

;--- dynamic-empty.ll
target triple = "x86_64-unknown-linux-gnu"
declare void @callee(ptr)
declare token @llvm.experimental.gc.statepoint.p0(i64, i32, ptr, i32, i32, ...)
define void @dynamic_empty(i64 %n) gc "go" {
  %buf = alloca i8, i64 %n
  %tok = call token (i64, i32, ptr, i32, i32, ...) @llvm.experimental.gc.statepoint.p0(i64 1, i32 0, ptr elementtype(void (ptr)) @callee, i32 1, i32 0, ptr %buf, i32 0, i32 0) ["deopt"(i64 0)]
  ret void
}

;--- stackmap.ll
target triple = "x86_64-unknown-linux-gnu"
declare void @llvm.experimental.stackmap(i64, i32, ...)
define void @with_stackmap(i64 %x) gc "go" {
  call void (i64, i32, ...) @llvm.experimental.stackmap(i64 9, i32 0, i64 1, i64 2, i64 3)
  ret void
}
