// Harness of mixed-closure.test, built by gccgo-12. apply, iterate and
// makeAdder have no Go body: they bind to main.apply, main.iterate and
// main.makeAdder, written in Gollvm-style IR (mixed-closure.ll) and compiled
// by go-llc. Go closures go in (called through the nest register), and a
// closure built in IR comes out and is called from Go.
package main

import "fmt"

func apply(f func(int) int, x int) int
func iterate(f func(int) int, x, n int) int
func makeAdder(n int) func(int) int

func main() {
	k := 7
	fmt.Println("apply:", apply(func(v int) int { return v*10 + k }, 5))
	calls := 0
	inc := func(v int) int { calls++; return v + 3 }
	fmt.Println("iterate:", iterate(inc, 1, 4), "calls:", calls)
	add5 := makeAdder(5)
	fmt.Println("makeAdder:", add5(37), apply(add5, 1), iterate(makeAdder(-2), 100, 10))
}
