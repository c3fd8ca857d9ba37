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
// CHECK: {{^}}602096{{$}}
// CHECK-NOT: {{.}}

// Aggregates by value: big structs with pointer fields passed and returned
// (in memory), arrays of pointers on the stack written at variable indices,
// multiple results mixing pointers, strings and slices.
package main

type item struct {
	id   int
	name string
	p    *item
}

type big struct {
	a    [8]*item
	tag  string
	n    int
	tail []*item
}

func mkItem(i int, p *item) *item { return &item{id: i, name: "it", p: p} }

func fill(seed int) big {
	var b big
	var prev *item
	for i := 0; i < len(b.a); i++ {
		prev = mkItem(seed*10+i, prev)
		b.a[(i*5)%len(b.a)] = prev
	}
	b.tag = "big"
	b.n = seed
	b.tail = append(b.tail, prev, b.a[0])
	return b
}

func sum(b big) int {
	s := b.n
	for _, it := range b.a {
		for q := it; q != nil; q = q.p {
			s += q.id
		}
	}
	for _, it := range b.tail {
		s += it.id * 2
	}
	return s + len(b.tag)
}

func swap(b big, k int) (big, *item, string) {
	x := b.a[k%8]
	b.a[k%8] = mkItem(-k, nil)
	return b, x, b.tag + "!"
}

func main() {
	var arr [16]*item
	total := 0
	for r := 0; r < 40; r++ {
		b := fill(r)
		b2, x, t := swap(b, r)
		arr[r%16] = x
		total += sum(b) + sum(b2) + len(t)
	}
	for i := range arr {
		if arr[i] != nil {
			total += arr[i].id
		}
	}
	println(total)
}
