// Program of preempt-libgo-each-spinner.test, compiled by llvm-goc and
// go-llc -preempt=entry,backedge. With GOMAXPROCS=2, three goroutines spin
// without ever blocking: two poll on every iteration, one (slow) reaches a
// poll only every few hundred microseconds. Only libgo's sysmon asks them to
// yield, and each must yield when asked: every spinner has to be seen on a
// new thread (it was descheduled and resumed elsewhere) three times. With a
// flag that whichever goroutine polls first consumes, the slow poller never
// wins the race and keeps its thread for ever.
package main

import (
	"fmt"
	"os"
	"sync/atomic"
	"syscall"
	"time"
)

const spinners = 3

// tid is the thread running the caller. RawSyscall, not Gettid: Gettid
// enters and leaves a system call through libgo, whose exitsyscall yields
// when g.preempt is set, and the spinners must yield only at go-llc polls.
func tid() uintptr {
	t, _, _ := syscall.RawSyscall(syscall.SYS_GETTID, 0, 0, 0)
	return t
}

var stop int32
var moves [spinners]int32
var sink [spinners]uint64

// fast polls on every iteration of its inner loop (the loop condition loads
// stop, so its trip count is unknown), and looks at its thread every
// million iterations.
func fast(i int) {
	last := tid()
	var n uint64
	for atomic.LoadInt32(&stop) == 0 {
		for k := 0; k < 1000000 && atomic.LoadInt32(&stop) == 0; k++ {
			n = n*31 + uint64(k)
		}
		sink[i] = n
		if tid := tid(); tid != last {
			atomic.AddInt32(&moves[i], 1)
			last = tid
		}
	}
}

// heavy is 999 iterations (below go-preempt's bound of 1000, so no poll
// inside) of a chain of dependent divisions: one poll per call, hundreds of
// microseconds apart.
func heavy(x uint64) uint64 {
	for k := uint64(0); k < 999; k++ {
		x = x/3 + k
		x = x/5 + k
		x = x/7 + k
		x = x/3 + 0x9e3779b97f4a7c15
		x = x/5 + k
		x = x/7 + k
		x = x/3 + 0x9e3779b97f4a7c15
		x = x/5 + k
	}
	return x
}

// slow polls only on its outer back edge, once per four calls of heavy.
// The thread check is not on every iteration: a call that runs on every
// iteration would count as the loop's poll (go-preempt assumes the callee
// polls; tid's RawSyscall, in libgo, does not).
func slow(i int) {
	last := tid()
	x := uint64(i + 1)
	for n := 0; atomic.LoadInt32(&stop) == 0; n++ {
		for k := 0; k < 4; k++ {
			x = heavy(x)
		}
		sink[i] = x
		if n%8 == 0 {
			if tid := tid(); tid != last {
				atomic.AddInt32(&moves[i], 1)
				last = tid
			}
		}
	}
}

func main() {
	go fast(0)
	go fast(1)
	go slow(2)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		done := true
		for i := range moves {
			if atomic.LoadInt32(&moves[i]) < 3 {
				done = false
			}
		}
		if done {
			break
		}
	}
	atomic.StoreInt32(&stop, 1)
	for i := range moves {
		fmt.Printf("spinner %d moved: %v\n", i, atomic.LoadInt32(&moves[i]) >= 3)
	}
	os.Exit(0)
}
