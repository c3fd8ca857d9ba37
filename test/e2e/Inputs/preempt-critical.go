// Program of preempt-libgo-critical.test, compiled by llvm-goc and go-llc
// -preempt=entry,backedge. With GOMAXPROCS=1, goroutine main spins for
// 50 ms of polled work inside one of libgo's critical sections
// (enterCritical, preempt-critical.c: a lock held, then m.preemptoff set),
// far past libgo's time slice (forcePreemptNS, 10 ms), so sysmon asks it to
// yield. Go yields only where libgo's canPreemptM allows: not inside the
// section (goroutine other must not run, and yielding with a lock held is
// libgo's fatal "schedule: holding locks"), but at the first poll after it,
// where the request is still pending.
package main

import (
	"fmt"
	"os"
	"runtime"
	"sync/atomic"
	"time"
)

// In preempt-critical.c.
func enterCritical(kind int)
func leaveCritical(kind int)
func deferredPolls() int64

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

func phase(name string, kind int, x uint64) uint64 {
	runtime.Gosched()
	atomic.StoreInt32(&otherRan, 0)
	d0 := deferredPolls()
	enterCritical(kind)
	start := time.Now()
	for time.Since(start) < 50*time.Millisecond {
		x = work(100000, x)
	}
	leaveCritical(kind)
	inside := atomic.LoadInt32(&otherRan)
	asked := deferredPolls() - d0
	start = time.Now()
	for atomic.LoadInt32(&otherRan) == 0 && time.Since(start) < 5*time.Second {
		x = work(100000, x)
	}
	fmt.Printf("%s: other ran inside: %v\n", name, inside != 0)
	fmt.Printf("%s: polls asked inside: %v\n", name, asked > 0)
	fmt.Printf("%s: other ran after: %v\n", name, atomic.LoadInt32(&otherRan) != 0)
	return x
}

func main() {
	go other()
	x := phase("lock", 0, 1)
	x = phase("preemptoff", 1, x)
	// Printing x keeps the work from being optimized away.
	fmt.Printf("checksum digit: %d\n", x%10)
	os.Exit(0)
}
