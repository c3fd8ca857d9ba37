// Harness of mixed-gc.test, built by gccgo-12. buildAndHold and sumList are
// Gollvm-style IR (mixed-gc.ll) compiled by go-llc: they hold heap pointers
// in their own frames across calls back into Go, where goroutines allocate
// and runtime.GC() runs in a loop. Freed memory is quickly reused by the
// churn (16-byte objects filled with -1), so a node the collector missed
// shows up as a wrong sum or a crash.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

type node struct {
	next *node
	val  int64
}

func buildAndHold(n int, churn func()) int64
func buildList(n int) *node
func sumList(l *node, churn func()) int64

var rounds int

func churn() {
	rounds++
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			var keep []*[2]int64
			for i := 0; i < 3000; i++ {
				p := new([2]int64)
				p[0], p[1] = -1, -1
				keep = append(keep, p)
				if len(keep) > 64 {
					keep = keep[:0]
				}
				if i%1000 == 0 {
					runtime.GC()
				}
			}
		}(g)
	}
	wg.Wait()
	runtime.GC()
}

func lightChurn() {
	rounds++
	for i := 0; i < 50; i++ {
		p := new([2]int64)
		p[0], p[1] = -1, -1
	}
	if rounds%50 == 0 {
		runtime.GC()
	}
}

func main() {
	const n = 2000
	for r := 0; r < 5; r++ {
		got := buildAndHold(n, churn)
		fmt.Println("buildAndHold:", got, got == n*(n+1)/2)
	}
	l := buildList(500)
	churn()
	rounds = 0
	fmt.Println("sumList:", sumList(l, lightChurn), "calls:", rounds)
	fmt.Println("list head after all:", l.val, l.next.val)
}
