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
// CHECK: {{^}}101166 126244 0 6 2 3 6{{$}}
// CHECK-NOT: {{.}}

// Slices resliced at both ends (s[len(s):] and s[i:j:j] included), 2-D
// slices, copy between overlapping slices, pointer-chasing loops whose
// induction variable is a pointer, and a loop over []*T the vectorizer
// may widen.
package main

type pt struct {
	x, y int
	tag  *string
}

func grid(n int) [][]*pt {
	g := make([][]*pt, n)
	for i := range g {
		row := make([]*pt, 0)
		for j := 0; j < n; j++ {
			s := "p"
			row = append(row, &pt{i, j, &s})
		}
		g[i] = row
	}
	return g
}

func tails(s []*pt) [][]*pt {
	var out [][]*pt
	for i := 0; i <= len(s); i++ {
		out = append(out, s[i:])
		out = append(out, s[i:i:i])
	}
	return out
}

func sumAll(ps []*pt) int {
	s := 0
	for _, p := range ps {
		s += p.x*3 + p.y + len(*p.tag)
	}
	return s
}

type chain struct {
	next *chain
	v    [3]int
}

func walk(c *chain) int {
	s := 0
	for p := c; p != nil; p = p.next {
		s += p.v[0] + p.v[2]
		if p.v[1] > 1000 {
			break
		}
	}
	return s
}

func main() {
	g := grid(12)
	total := 0
	for r := 0; r < 4; r++ {
		for _, row := range g {
			ts := tails(row)
			for _, t := range ts {
				total += sumAll(t) + len(t) + cap(t)
			}
		}
		copy(g[r][1:], g[r][:len(g[r])-1])
		g[r] = append(g[r][:3], g[r][5:]...)
	}
	var c *chain
	for i := 0; i < 500; i++ {
		c = &chain{c, [3]int{i, i * 2, i % 7}}
	}
	end := g[2][len(g[2]):]
	mid := g[3][4:6:6]
	println(total, walk(c), len(end), cap(end), len(mid), mid[1].x, mid[1].y)
}
