// Program of nil-checks-libgo.test, compiled by llvm-goc and go-llc
// -gc=go, whose nil checks fold into the accesses they guard
// (-nil-checks=implicit, the default): a nil dereference is then a SIGSEGV
// that libgo turns into runtime.panicmem's panic from the faulting frame.
// Each case must panic exactly as with the explicit check: a runtime.Error
// recovered by the caller's deferred function, which allocates and collects
// while the faulting frame is still on the stack. withDefer recovers in the
// same frame: a function with landing pads keeps its explicit checks.
package main

import (
	"fmt"
	"runtime"
)

type T struct {
	a, b int64
	s    string
	next *T
}

//go:noinline
func load(p *T) int64 { return p.b }

//go:noinline
func store(p *T, v int64) { p.a = v }

//go:noinline
func eq(x, y *T) bool { return *x == *y }

//go:noinline
func chase(p *T) string { return p.next.s }

//go:noinline
func sum(p *[8]int64) (s int64) {
	for i := range p {
		s += p[i]
	}
	return s
}

//go:noinline
func withDefer(p *T) (r int64) {
	defer func() {
		if e := recover(); e != nil {
			r = -1
		}
	}()
	return p.b
}

var keep [][]byte

func try(name string, f func()) {
	defer func() {
		e := recover()
		if e == nil {
			fmt.Println(name, "did not panic")
			return
		}
		err, ok := e.(runtime.Error)
		if !ok {
			fmt.Println(name, "panicked with", e)
			return
		}
		// Garbage and a collection while the faulting frame is on the
		// stack below this deferred call.
		for i := 0; i < 1000; i++ {
			keep = append(keep, make([]byte, 1024))
		}
		runtime.GC()
		keep = nil
		fmt.Println(name+":", err.Error())
	}()
	f()
}

func main() {
	var nilT *T
	var nilA *[8]int64
	t := &T{a: 1, b: 2, s: "x", next: &T{s: "next"}}
	u := &T{a: 1, b: 2, s: "x", next: t.next}
	fmt.Println(load(t), chase(t), eq(t, u), sum(&[8]int64{1, 2, 3, 4, 5, 6, 7, 8}))
	try("load", func() { load(nilT) })
	try("store", func() { store(nilT, 3) })
	try("eq left", func() { eq(nilT, t) })
	try("eq right", func() { eq(t, nilT) })
	try("chase", func() { chase(&T{}) })
	try("sum", func() { sum(nilA) })
	fmt.Println("withDefer:", withDefer(nilT), withDefer(t))
	store(t, 5)
	fmt.Println("after:", t.a, load(t))
}
