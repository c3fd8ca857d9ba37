package main

import (
	"fmt"
	"runtime"
	"sync"
)

// Implemented in getg-switch.ll (go-llc): loads runtime.g, calls
// runtime.Gosched, loads runtime.g again; true when both are this goroutine.
func checkG() bool

func main() {
	runtime.GOMAXPROCS(4)
	var wg sync.WaitGroup
	bad := make([]int, 16)
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for k := 0; k < 3000; k++ {
				if !checkG() {
					bad[i]++
				}
			}
		}(i)
	}
	wg.Wait()
	total := 0
	for _, b := range bad {
		total += b
	}
	fmt.Println("mismatches:", total)
}
