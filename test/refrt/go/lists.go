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
// CHECK: {{^}}27089719 r299 310028 r0' 610724 r132'{{$}}
// CHECK-NOT: {{.}}

// A singly linked list of records with string names and slices of
// pointers, filtered, reversed and merged; closures keep pointers alive.
package main

type rec struct {
	next *rec
	name string
	kids []*rec
	val  int
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	neg := i < 0
	if neg {
		i = -i
	}
	var b [20]byte
	p := len(b)
	for i > 0 {
		p--
		b[p] = byte('0' + i%10)
		i /= 10
	}
	if neg {
		p--
		b[p] = '-'
	}
	return string(b[p:])
}

func build(n int) *rec {
	var head *rec
	for i := 0; i < n; i++ {
		r := &rec{name: "r" + itoa(i), val: i * 3}
		if head != nil && i%3 == 0 {
			r.kids = append(r.kids, head, head.next)
		}
		r.next = head
		head = r
	}
	return head
}

func filter(l *rec, keep func(*rec) bool) *rec {
	var out, tail *rec
	for ; l != nil; l = l.next {
		if !keep(l) {
			continue
		}
		c := &rec{name: l.name + "'", val: l.val, kids: l.kids}
		if tail == nil {
			out = c
		} else {
			tail.next = c
		}
		tail = c
	}
	return out
}

func reverse(l *rec) *rec {
	var prev *rec
	for l != nil {
		next := l.next
		l.next = prev
		prev = l
		l = next
	}
	return prev
}

func checksum(l *rec) (int, string) {
	s, last := 0, ""
	for i := 1; l != nil; l = l.next {
		s += l.val*i + len(l.name)
		for _, k := range l.kids {
			if k != nil {
				s += k.val + len(k.name)
			}
		}
		last = l.name
		i++
	}
	return s, last
}

func main() {
	l := build(300)
	limit := 400
	evens := filter(l, func(r *rec) bool { return r.val%2 == 0 && r.val < limit })
	l = reverse(l)
	a, an := checksum(l)
	b, bn := checksum(evens)
	evens = reverse(evens)
	c, cn := checksum(evens)
	println(a, an, b, bn, c, cn)
}
