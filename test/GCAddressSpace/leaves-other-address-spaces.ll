; RUN: opt %loadgo -passes=go-gc-addrspace -pass-remarks-missed=go-gc-addrspace -S %s 2>&1 | FileCheck %s
; A module already in Gollvm's -enable-gc form ("ni:1", addrspace(1)) is
; left alone, with a remark.

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128-ni:1"
target triple = "x86_64-unknown-linux-gnu"

; CHECK: remark: {{.*}}module left alone: it already has a non-integral address space
; CHECK: target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128-ni:1"
; CHECK-LABEL: define ptr @main.f(ptr nest %n, ptr addrspace(1) %gc)
define ptr @main.f(ptr nest %n, ptr addrspace(1) %gc) {
  %p = load ptr, ptr addrspace(1) %gc
  ret ptr %p
}
