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
// CHECK: {{^}}122 true false 20 4961{{$}}
// CHECK-NOT: {{.}}

// Comparisons the front end lowers to runtime equality functions: structs
// with strings and pointers, arrays of strings, interface values holding
// pointers and structs, switches on strings; all while allocating.
package main

type key struct {
	name string
	id   int
	p    *int
}

type named interface{ Name() string }

type pkey struct{ k *key }
type vkey struct {
	s string
	n int
}

func (p pkey) Name() string { return p.k.name }
func (v vkey) Name() string { return v.s }

func classify(s string) int {
	switch s {
	case "alpha":
		return 1
	case "beta", "gamma":
		return 2
	case "":
		return 3
	}
	return 4
}

func main() {
	one := 1
	var ks []key
	for i := 0; i < 64; i++ {
		nm := "k" + string(rune('a'+i%5))
		ks = append(ks, key{nm, i % 7, &one})
	}
	eq := 0
	for i := range ks {
		for j := range ks {
			if ks[i] == ks[j] {
				eq++
			}
		}
	}
	a := [3]string{"x", "y" + ks[3].name, "z"}
	b := [3]string{"x", "y" + ks[8].name, "z"}
	var ns []named
	for i := 0; i < 20; i++ {
		if i%2 == 0 {
			ns = append(ns, pkey{&ks[i]})
		} else {
			ns = append(ns, vkey{ks[i].name, i % 4})
		}
	}
	ieq := 0
	for i := range ns {
		for j := range ns {
			if ns[i] == ns[j] {
				ieq++
			}
		}
	}
	words := []string{"alpha", "beta", "delta", "", "gamma", "alpha" + ""}
	c := 0
	for _, w := range words {
		c = c*5 + classify(w)
	}
	println(eq, a == b, a != b, ieq, c)
}
