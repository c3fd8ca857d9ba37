// REQUIRES: x86_64-host
// A nil dereference under refrt: with the nil check folded into the load
// (go-llc's default with -gc=go) it is a SIGSEGV at address 8, which refrt
// reports with the panic's message, as runtime.panicmem does for the
// explicit check (then the program dies of the signal); the output before
// it is kept.
// RUN: %llvm_goc -O0 -c -emit-llvm %s -o %t.bc
// RUN: %gollc_refrt -O2 -preempt=entry,backedge %t.bc -o %t.i.o
// RUN: %gollc_refrt -O2 -preempt=entry,backedge -filetype=asm %t.bc -o - | FileCheck %s --check-prefix=ASM
// RUN: %clang %t.i.o %refrt_lib -o %t.i
// RUN: not --crash env REFRT_STRESS=1 %t.i > %t.i.out 2>&1
// RUN: FileCheck %s < %t.i.out
// RUN: %gollc_refrt -O2 -preempt=entry,backedge -nil-checks=explicit %t.bc -o %t.e.o
// RUN: %clang %t.e.o %refrt_lib -o %t.e
// RUN: not env REFRT_STRESS=1 %t.e > %t.e.out 2>&1
// RUN: FileCheck %s --check-prefix=EXPLICIT < %t.e.out
// ASM-LABEL: main.second:
// ASM:       .Lgo_fault{{[0-9]+}}:
// CHECK:      before 3
// CHECK-NEXT: refrt: SIGSEGV below 4096: panic: runtime error: invalid memory address or nil pointer dereference
// CHECK-NOT:  after
// EXPLICIT:      before 3
// EXPLICIT-NEXT: refrt: fatal: panic: runtime error: invalid memory address or nil pointer dereference
// EXPLICIT-NOT:  after
package main

type node struct {
	v    int
	next *node
}

//go:noinline
func second(n *node) int { return n.next.v }

func main() {
	n := &node{v: 1, next: &node{v: 3}}
	println("before", second(n))
	println("after", second(n.next))
}
