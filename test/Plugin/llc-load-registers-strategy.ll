; RUN: llc -load=%gopasses -O2 %s -o - | FileCheck %s
; RUN: not --crash llc -O2 %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOPLUGIN
; Loading GoPasses.so into llc (which cannot load new-PM plugins) runs its
; static initializers: the "go" GC strategy becomes known and gc "go"
; functions compile. Without the plugin llc 19 aborts on the unknown GC.
target triple = "x86_64-unknown-linux-gnu"

declare ptr @runtime.newobject(ptr nest, ptr)

; CHECK-LABEL: main.box:
; CHECK: callq runtime.newobject
; NOPLUGIN: unsupported GC: go
define ptr @main.box(ptr nest %nest, ptr %t) gc "go" {
  %o = call ptr @runtime.newobject(ptr nest undef, ptr %t)
  ret ptr %o
}
