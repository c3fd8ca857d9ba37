// Harness of stackmap-probe.test, built by gccgo-12. probe is Gollvm-style
// IR (stackmap-probe.ll) compiled by `go-llc -gc=go`; it calls the C helper
// in stackmap-probe.c with two heap pointers live across the call, and the
// helper checks, through libgollcrt's registry, that the go_stackmap entry
// for its own return address marks exactly the stack words holding them.
package main

import "fmt"

type node struct {
	next *node
	val  int64
}

func probe(p *node) int64

func main() {
	p := &node{val: 40}
	fmt.Println("probe returned:", probe(p))
}
