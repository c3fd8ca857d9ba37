// REQUIRES: x86_64-host
// RUN: %llvm_goc -O0 -c -emit-llvm %s -o %t.bc
// RUN: %llvm_goc -O2 -c -emit-llvm %s -o %t.fe2.bc
// The program's own output, with the collector off, then under stress in
// each mode (front end -O0 or -O2; go-llc -O0 to -O3, polls on or off).
// RUN: %gollc_refrt -O0 -preempt=entry,backedge %t.bc -o %t.0.o
// RUN: %clang %t.0.o %refrt_lib -o %t.0
// RUN: env REFRT_GC=off %t.0 | FileCheck %s
// RUN: env REFRT_STRESS=1 REFRT_STATS=1 %t.0 2>%t.0.stats | FileCheck %s
// RUN: FileCheck %s --check-prefix=STATS < %t.0.stats
// RUN: %gollc_refrt -O1 -preempt=entry,backedge %t.bc -o %t.1.o
// RUN: %clang %t.1.o %refrt_lib -o %t.1
// RUN: env REFRT_STRESS=1 REFRT_STATS=1 %t.1 2>%t.1.stats | FileCheck %s
// RUN: FileCheck %s --check-prefix=STATS < %t.1.stats
// RUN: %gollc_refrt -O2 -preempt=entry,backedge %t.bc -o %t.2.o
// RUN: %clang %t.2.o %refrt_lib -o %t.2
// RUN: env REFRT_STRESS=1 REFRT_STATS=1 %t.2 2>%t.2.stats | FileCheck %s
// RUN: FileCheck %s --check-prefix=STATS < %t.2.stats
// RUN: %gollc_refrt -O3 -preempt=none %t.bc -o %t.3.o
// RUN: %clang %t.3.o %refrt_lib -o %t.3
// RUN: env REFRT_STRESS=1 REFRT_STATS=1 %t.3 2>%t.3.stats | FileCheck %s
// RUN: FileCheck %s --check-prefix=STATS < %t.3.stats
// RUN: %gollc_refrt -O3 -mattr=+avx2 -preempt=entry,backedge %t.bc -o %t.v.o
// RUN: %clang %t.v.o %refrt_lib -o %t.v
// RUN: env REFRT_STRESS=1 REFRT_STATS=1 %t.v 2>%t.v.stats | FileCheck %s
// RUN: FileCheck %s --check-prefix=STATS < %t.v.stats
// RUN: %gollc_refrt -O0 -preempt=entry,backedge %t.fe2.bc -o %t.g.o
// RUN: %clang %t.g.o %refrt_lib -o %t.g
// RUN: env REFRT_STRESS=1 REFRT_STATS=1 %t.g 2>%t.g.stats | FileCheck %s
// RUN: FileCheck %s --check-prefix=STATS < %t.g.stats
// RUN: %gollc_refrt -O2 -preempt=entry,backedge %t.fe2.bc -o %t.f.o
// RUN: %clang %t.f.o %refrt_lib -o %t.f
// RUN: env REFRT_STRESS=1 REFRT_STATS=1 %t.f 2>%t.f.stats | FileCheck %s
// RUN: FileCheck %s --check-prefix=STATS < %t.f.stats
// STATS: refrt: {{[1-9][0-9]*}} collections, {{[1-9][0-9]*}} frames scanned, {{[1-9][0-9]*}} stack roots
// Expected: what the program prints built by gccgo-12 against libgo.
// CHECK: {{^}}617619{{$}}
// CHECK-NOT: {{.}}

// Shapes an optimizer makes hard to map: pointers round-tripped through
// uintptr with unsafe arithmetic, a pointer chosen by a condition, pointers
// held only in a struct returned in registers, a stack array of pointers
// written and read at computed indices, and large closures.
package main

import "unsafe"

type obj struct {
	a, b int
	p    *obj
	s    string
}

type two struct {
	x, y *obj
}

//go:noinline
func pick(c bool, x, y *obj) *obj {
	if c {
		return x
	}
	return y
}

//go:noinline
func pair(i int) two {
	return two{&obj{a: i, s: "x"}, &obj{a: -i, s: "yy"}}
}

func fieldB(o *obj) *int {
	return (*int)(unsafe.Pointer(uintptr(unsafe.Pointer(o)) + unsafe.Offsetof(o.b)))
}

func main() {
	var ring [24]*obj
	sum := 0
	for i := 0; i < 600; i++ {
		t := pair(i)
		o := pick(i%3 == 0, t.x, t.y)
		*fieldB(o) = i * 5
		k := (i * 7) % len(ring)
		ring[k] = o
		o.p = ring[(k+5)%len(ring)]
		f := func(d int) int {
			if o.p != nil {
				return d + o.p.a + len(o.p.s) + t.x.a
			}
			return d + len(t.y.s)
		}
		sum += f(i)
	}
	for _, o := range ring {
		for q, n := o, 0; q != nil && n < 5; q, n = q.p, n+1 {
			sum += q.a + q.b + len(q.s)
		}
	}
	println(sum)
}
