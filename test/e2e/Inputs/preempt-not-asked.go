// Program of preempt-libgo-not-asked.test, compiled by llvm-goc and go-llc
// -preempt=entry,backedge. With GOMAXPROCS=1, goroutine main runs 50 bursts
// of about a millisecond of polled work, raising the preemption hint itself
// (preemptHint, preempt-not-asked.c) before each tenth of a burst, as a scan
// does when a goroutine on another thread has been asked; between bursts it
// yields to the goroutine other. A burst is far below libgo's time slice
// (forcePreemptNS, 10 ms), so libgo never asks main to yield, and a hint
// must not make it: other may only run between bursts. A burst in which
// libgo did ask (the runtime's yield counter moved: a burst is 1 ms of wall
// time, and on a loaded machine the thread can wait 10 ms for a CPU in the
// middle of one) is reported apart.
package main

import (
	"fmt"
	"os"
	"runtime"
	"sync/atomic"
	"time"
)

// Both in preempt-not-asked.c: preemptHint raises __go_preempt_requested;
// yields is libgollcrt's count of yields of asked goroutines.
func preemptHint()
func yields() int64

var otherRan int32

func other() {
	for {
		atomic.StoreInt32(&otherRan, 1)
		runtime.Gosched()
	}
}

// work polls every 1000 iterations (a strip-mined counted loop).
func work(n int, x uint64) uint64 {
	for k := 0; k < n; k++ {
		x = x*31 + uint64(k)
	}
	return x
}

func main() {
	go other()
	runtime.Gosched()
	descheduled, asked, kept := 0, 0, 0
	x := uint64(1)
	for b := 0; b < 50; b++ {
		y0 := yields()
		atomic.StoreInt32(&otherRan, 0)
		start := time.Now()
		for time.Since(start) < time.Millisecond {
			preemptHint()
			x = work(100000, x)
		}
		if atomic.LoadInt32(&otherRan) == 0 {
			kept++
		} else if yields() != y0 {
			asked++
		} else {
			descheduled++
		}
		runtime.Gosched()
	}
	// Printing x keeps the work from being optimized away.
	fmt.Printf("bursts descheduled without being asked: %d\n", descheduled)
	fmt.Printf("bursts that kept the CPU: %d\n", kept)
	fmt.Printf("bursts descheduled after libgo asked: %d\n", asked)
	fmt.Printf("checksum digit: %d\n", x%10)
	os.Exit(0)
}
