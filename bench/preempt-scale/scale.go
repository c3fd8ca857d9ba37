// The preemption benchmark at scale (utils/bench-preempt-scale, docs/
// Benchmarks.md): compiled by llvm-goc, then by go-llc with and without
// polls, linked with gccgo-12 against libgo and libgollcrt.
//
//   scale -goroutines 10000 -seconds 4 -kind nocall|call
//
// Starts the goroutines, each spinning on compute-bound work until the
// deadline: `nocall` is a counted loop without calls (go-preempt strip-mines
// it: a poll every 1000 iterations), `call` calls a small function that is
// not inlined on every iteration (its entry poll is the only one). A timer
// goroutine sleeps 1 ms at a time and records how late it wakes up. libgo's
// sysmon asks goroutines to yield; libgollcrt's counters (printed at exit
// with GOLLC_PREEMPT_STATS=1, zeroed by startWatchdog as the spinners are
// released) give the latency from a request to the yield.
// Without polls nothing in the spinning code yields: the deadline is then
// enforced by a thread outside libgo (watchdog.c), so the program ends and
// reports in both builds. Prints one line:
//
//   preempt-scale: goroutines=.. procs=.. kind=.. seconds=.. ran=.. jain=..
//     timer_samples=.. timer_p50_us=.. timer_p99_us=.. timer_max_us=..
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// stop is set at the deadline by startWatchdog's thread (watchdog.c): it
// needs no P, so it also ends a run in which no goroutine ever yields.
var stop int32

func startWatchdog(ns int64, stop *int32)

var progress []int64

// small is the callee of the `call` kind: a few dependent operations.
//
//go:noinline
func small(x uint64, k int) uint64 {
	return x*0x9e3779b97f4a7c15 + uint64(k)
}

func spinNoCall(i int) {
	x := uint64(i)
	for atomic.LoadInt32(&stop) == 0 {
		for k := 0; k < 100000; k++ {
			x = x*31 + uint64(k)
		}
		atomic.AddInt64(&progress[i], 1)
	}
	if x == 0x5eed5eed5eed5eed {
		fmt.Println("unlikely")
	}
}

func spinCall(i int) {
	x := uint64(i)
	for atomic.LoadInt32(&stop) == 0 {
		for k := 0; k < 25000; k++ {
			x = small(x, k)
		}
		atomic.AddInt64(&progress[i], 1)
	}
	if x == 0x5eed5eed5eed5eed {
		fmt.Println("unlikely")
	}
}

func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	if i < 1 {
		i = 1
	}
	return sorted[i-1]
}

func main() {
	n := flag.Int("goroutines", 10000, "spinning goroutines")
	seconds := flag.Float64("seconds", 4, "length of the run")
	kind := flag.String("kind", "nocall", "nocall or call")
	flag.Parse()
	if *n < 1 || *seconds <= 0 || (*kind != "nocall" && *kind != "call") {
		fmt.Fprintln(os.Stderr, "scale: bad arguments (-goroutines > 0, -seconds > 0, -kind nocall|call)")
		os.Exit(2)
	}
	progress = make([]int64, *n)
	spin := spinNoCall
	if *kind == "call" {
		spin = spinCall
	}

	// Every goroutine waits for start: creating 10,000 of them takes longer
	// than a time slice, and a main goroutine preempted half-way would wait
	// behind thousands of spinners before creating the rest.
	start := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(*n)
	for i := 0; i < *n; i++ {
		go func(i int) {
			<-start
			spin(i)
			wg.Done()
		}(i)
	}
	// The timer goroutine must be asleep when the spinners are released:
	// from then on only its timer makes it ready, and a goroutine made
	// ready by a timer takes the head of the run queue (runnext). Runnable
	// at the release, it would be pushed out to the queue behind thousands
	// of spinners. It tells main it is about to sleep (main is made ready
	// and runs once the timer goroutine parks) and records only sleeps that
	// start after the release. Its first sleep is long enough to span the
	// release: made ready while close(start) readies the 10,000 spinners,
	// it would be pushed out of runnext by them (seen once in 24 runs with
	// a 1 ms first sleep: no sample in 4 s).
	var released int32
	asleep := make(chan struct{}, 1)
	var lates []time.Duration
	var timerDone sync.WaitGroup
	timerDone.Add(1)
	go func() {
		defer timerDone.Done()
		asleep <- struct{}{}
		time.Sleep(100 * time.Millisecond)
		for atomic.LoadInt32(&stop) == 0 {
			measured := atomic.LoadInt32(&released) != 0
			t0 := time.Now()
			time.Sleep(time.Millisecond)
			if atomic.LoadInt32(&stop) != 0 {
				break
			}
			if measured {
				lates = append(lates, time.Since(t0)-time.Millisecond)
			}
		}
	}()
	<-asleep
	startWatchdog(int64(*seconds*1e9), &stop)
	atomic.StoreInt32(&released, 1)
	close(start)
	wg.Wait()
	timerDone.Wait()

	var sum, sumSq float64
	ran := 0
	for _, p := range progress {
		v := float64(p)
		sum += v
		sumSq += v * v
		if p > 0 {
			ran++
		}
	}
	jain := 0.0
	if sumSq > 0 {
		jain = sum * sum / (float64(len(progress)) * sumSq)
	}
	sort.Slice(lates, func(a, b int) bool { return lates[a] < lates[b] })
	us := func(d time.Duration) float64 { return float64(d) / 1e3 }
	fmt.Printf("preempt-scale: goroutines=%d procs=%d kind=%s seconds=%g ran=%d jain=%.4f timer_samples=%d timer_p50_us=%.1f timer_p99_us=%.1f timer_max_us=%.1f\n",
		*n, runtime.GOMAXPROCS(0), *kind, *seconds, ran, jain, len(lates),
		us(percentile(lates, 50)), us(percentile(lates, 99)), us(percentile(lates, 100)))
	os.Exit(0)
}
