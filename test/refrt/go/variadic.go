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
// CHECK: {{^}}39886 nv#nq#lit#{{$}}
// CHECK-NOT: {{.}}

// Variadic calls: the front end builds the argument slice in a stack array
// of pointers or interfaces, the only reference to some of them while the
// callee allocates; address-taken locals passed down; arrays of arrays
// copied by value.
package main

type node struct {
	val  int
	name string
}

type stringer interface{ str() string }

func (n *node) str() string { return n.name + "#" }

//go:noinline
func mk(v int) *node { return &node{v, "n" + string(rune('a'+v%26))} }

//go:noinline
func sum(extra int, ns ...*node) int {
	s := extra
	for i, n := range ns {
		tmp := mk(i)
		s += n.val + tmp.val + len(n.name)
	}
	return s
}

//go:noinline
func join(xs ...stringer) string {
	out := ""
	for _, x := range xs {
		_ = mk(len(out))
		out += x.str()
	}
	return out
}

//go:noinline
func bump(p *[4]*node, q **node) {
	for i := range p {
		if p[i] == nil {
			p[i] = mk(i * 3)
		}
	}
	*q = mk(99)
}

type grid [3][4]*node

func fill(g grid) grid {
	var h grid
	for i := range g {
		for j := range g[i] {
			if g[i][j] != nil {
				h[(i+1)%3][j] = g[i][j]
			} else {
				h[i][j] = mk(i*4 + j)
			}
		}
	}
	return h
}

func main() {
	total := 0
	var last string
	for r := 0; r < 100; r++ {
		total += sum(r, mk(r), mk(r+1), mk(r+2), mk(r+3))
		last = join(mk(r), mk(r*2), &node{r, "lit"})
		var arr [4]*node
		var one *node
		arr[r%4] = mk(r)
		bump(&arr, &one)
		total += arr[0].val + arr[3].val + one.val
	}
	var g grid
	g[1][2] = mk(7)
	for k := 0; k < 5; k++ {
		g = fill(g)
	}
	for i := range g {
		for j := range g[i] {
			if g[i][j] != nil {
				total += g[i][j].val + len(g[i][j].name)
			}
		}
	}
	println(total, last)
}
