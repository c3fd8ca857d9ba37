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
// CHECK: {{^}}952 3034263 318 8269413 16282813 00-100 35-{{$}}
// CHECK-NOT: {{.}}

// Strings built by concatenation and conversion, substrings (pointers into
// the middle of a string's bytes) kept across allocations, byte slices grown
// by append.
package main

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	p := len(b)
	for i > 0 {
		p--
		b[p] = byte('0' + i%10)
		i /= 10
	}
	return string(b[p:])
}

func words(n int) []string {
	var ws []string
	for i := 0; i < n; i++ {
		w := "w" + itoa(i*7) + "-" + itoa(i)
		ws = append(ws, w)
	}
	return ws
}

func join(ws []string, sep string) string {
	s := ""
	for i, w := range ws {
		if i > 0 {
			s += sep
		}
		s += w
	}
	return s
}

func middles(ws []string) []string {
	var out []string
	for _, w := range ws {
		if len(w) > 3 {
			out = append(out, w[1:len(w)-1])
		}
	}
	return out
}

func hash(s string) int {
	h := 7
	for i := 0; i < len(s); i++ {
		h = h*31 + int(s[i])
		h &= 0xffffff
	}
	return h
}

func main() {
	ws := words(120)
	mid := middles(ws)
	tail := ws[100][2:]
	all := join(ws, ",")
	var bs []byte
	for i := 0; i < len(all); i += 3 {
		bs = append(bs, all[i])
	}
	s2 := string(bs)
	m := join(mid, "")
	println(len(all), hash(all), len(s2), hash(s2), hash(m), tail, mid[5])
}
