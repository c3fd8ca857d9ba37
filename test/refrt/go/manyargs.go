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
// CHECK: {{^}}88960 5762{{$}}
// CHECK-NOT: {{.}}

// Pointers passed beyond the argument registers (on the stack), kept live
// across allocating calls in the callee; results of many words; arrays of
// structs with pointer fields on the stack indexed in loops.
package main

type leaf struct {
	v    int
	name string
}

type rec struct {
	l    *leaf
	tags [3]string
	n    int
}

//go:noinline
func alloc(v int) *leaf { return &leaf{v: v, name: "leaf"} }

//go:noinline
func spread(a, b, c, d, e, f, g, h, i, j *leaf, k string, m []*leaf) (*leaf, *leaf, int, string) {
	x := alloc(a.v + b.v)
	y := alloc(c.v + d.v + e.v)
	z := alloc(f.v + g.v + h.v + i.v + j.v)
	s := k + "!"
	t := 0
	for _, p := range m {
		t += p.v
		_ = alloc(t)
	}
	return x, z, y.v + t + j.v + len(s), s
}

func table(n int) int {
	var recs [8]rec
	for i := 0; i < n; i++ {
		r := &recs[i%8]
		r.l = alloc(i)
		r.tags[i%3] = "t" + string(rune('a'+i%26))
		r.n += i
	}
	s := 0
	for i := range recs {
		if recs[i].l != nil {
			s += recs[i].l.v + recs[i].n
		}
		for _, t := range recs[i].tags {
			s += len(t)
		}
	}
	return s
}

func main() {
	var ls []*leaf
	for i := 0; i < 12; i++ {
		ls = append(ls, alloc(i*i))
	}
	total := 0
	var keep []*leaf
	for r := 0; r < 200; r++ {
		p, q, n, s := spread(ls[r%12], ls[1], ls[2], ls[3], ls[4], ls[5], ls[6], ls[7], ls[8], ls[(r+3)%12], "k", ls[:r%12])
		total += p.v + q.v + n + len(s)
		if r%20 == 0 {
			keep = append(keep, p, q)
		}
	}
	for _, k := range keep {
		total += k.v + len(k.name)
	}
	println(total, table(100))
}
