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
// The harness can fail: with one live slot dropped from every map the
// stress run dies (a poisoned word where a live pointer was).
// RUN: %gollc_refrt -O2 -preempt=entry,backedge -go-statepoints-drop-live-slot %t.bc -o %t.bad.o
// RUN: %clang %t.bad.o %refrt_lib -o %t.bad
// RUN: not env REFRT_STRESS=1 %t.bad 2>&1 | FileCheck %s --check-prefix=BROKEN
// BROKEN: refrt: fatal:
// STATS: refrt: {{[1-9][0-9]*}} collections, {{[1-9][0-9]*}} frames scanned, {{[1-9][0-9]*}} stack roots
// Expected: what the program prints built by gccgo-12 against libgo.
// CHECK: {{^}}179050 450 55{{$}}
// CHECK-NOT: {{.}}

// Interfaces holding pointers and values, method values and method
// expressions, closures stored in slices and called later.
package main

type shape interface {
	area() int
	name() string
}

type rect struct {
	w, h  int
	label string
}

type circle struct {
	r     int
	owner *rect
}

func (r *rect) area() int      { return r.w * r.h }
func (r *rect) name() string   { return r.label }
func (c circle) area() int     { return 3 * c.r * c.r }
func (c circle) name() string  { return "circle/" + c.owner.label }

func make(n int) []shape {
	var out []shape
	for i := 0; i < n; i++ {
		r := &rect{i, i + 1, "rect"}
		if i%2 == 0 {
			out = append(out, r)
		} else {
			out = append(out, circle{i, r})
		}
	}
	return out
}

func main() {
	ss := make(60)
	var fs []func() int
	for _, s := range ss {
		fs = append(fs, s.area)
	}
	ar := (*rect).area
	total, names := 0, 0
	for i, f := range fs {
		total += f()
		names += len(ss[i].name())
		if r, ok := ss[i].(*rect); ok {
			total += ar(r)
		}
		if c, ok := ss[i].(circle); ok {
			total += c.owner.w
		}
	}
	var counter int
	inc := func(k int) func() int {
		return func() int { counter += k; return counter }
	}
	var gs []func() int
	for k := 1; k <= 10; k++ {
		gs = append(gs, inc(k))
	}
	for _, g := range gs {
		g()
	}
	println(total, names, counter)
}
