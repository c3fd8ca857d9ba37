// Program of preempt-libgo-each-spinner.test, compiled by llvm-goc and
// go-llc -preempt=entry,backedge. With GOMAXPROCS=2, three goroutines spin
// without ever blocking: two poll on every iteration, one (slow) reaches a
// poll only every few hundred microseconds. Only libgo's sysmon asks them to
// yield, and each must yield when asked: every spinner has to be seen
// descheduled three times, i.e. at one of its checks it is on another
// thread than at its last one, or another spinner has checked in on its
// thread since (a goroutine runs on one thread at a time, so it was not
// running there meanwhile). With a flag that whichever goroutine polls
// first consumes, the slow poller never wins the race and keeps its thread
// for ever, alone, and when it does yield the others have been descheduled
// many times over. (Moving to another thread alone is not the test: with
// prompt yields libgo's run queue can settle into a cycle in which a
// goroutine is preempted every slice and always resumes on the same thread:
// seen once, both fast spinners, in a clean-clone CI run.)
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
var switches [spinners]int32
var sink [spinners]uint64

// owner[k] is the spinner that last checked in on the thread whose id is
// slotTid[k] (k = tid % 1024; the process's few threads have nearby ids,
// and two that shared a slot would stop the program rather than count).
var slotTid [1024]int64
var owner [1024]int32

func slot(t uintptr) int {
	k := int(t % 1024)
	if !atomic.CompareAndSwapInt64(&slotTid[k], 0, int64(t)) && atomic.LoadInt64(&slotTid[k]) != int64(t) {
		panic("thread ids share a slot")
	}
	return k
}

// checkIn records that spinner i runs on thread t now, after running on
// last at its previous check-in; it counts a switch if it was descheduled
// in between.
func checkIn(i int, t, last uintptr) {
	k := slot(t)
	if t != last || atomic.LoadInt32(&owner[k]) != int32(i) {
		atomic.AddInt32(&switches[i], 1)
	}
	atomic.StoreInt32(&owner[k], int32(i))
}

// fast polls on every iteration of its inner loop (the loop condition loads
// stop, so its trip count is unknown), and looks at its thread every
// million iterations.
func fast(i int) {
	last := tid()
	atomic.StoreInt32(&owner[slot(last)], int32(i))
	var n uint64
	for atomic.LoadInt32(&stop) == 0 {
		for k := 0; k < 1000000 && atomic.LoadInt32(&stop) == 0; k++ {
			n = n*31 + uint64(k)
		}
		sink[i] = n
		t := tid()
		checkIn(i, t, last)
		last = t
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
	atomic.StoreInt32(&owner[slot(last)], int32(i))
	x := uint64(i + 1)
	for n := 0; atomic.LoadInt32(&stop) == 0; n++ {
		for k := 0; k < 4; k++ {
			x = heavy(x)
		}
		sink[i] = x
		if n%8 == 0 {
			t := tid()
			checkIn(i, t, last)
			last = t
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
		for i := range switches {
			if atomic.LoadInt32(&switches[i]) < 3 {
				done = false
			}
		}
		if done {
			break
		}
	}
	// Taken when every spinner has been descheduled three times (or at the
	// deadline): asked in turn, none has been descheduled many more times
	// than the others; with a flag that whoever polls first consumes, the
	// fast pollers were descheduled 18-167 times by the time the slow one
	// got to three (three runs), against at most 7 here (five runs).
	most := int32(0)
	for i := range switches {
		if n := atomic.LoadInt32(&switches[i]); n > most {
			most = n
		}
	}
	atomic.StoreInt32(&stop, 1)
	for i := range switches {
		fmt.Printf("spinner %d descheduled: %v\n", i, atomic.LoadInt32(&switches[i]) >= 3)
	}
	fmt.Printf("in turn: %v\n", most <= 12)
	os.Exit(0)
}
