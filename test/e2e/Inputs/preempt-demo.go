// Harness of the preemption demo (test/e2e/preempt-demo-*.test), built by
// gccgo-12. main.spin has no Go body: it binds to the symbol main.spin,
// defined in Gollvm-style IR (spin.ll or spin-handpoll.ll) and compiled by
// go-llc. With GOMAXPROCS=1 and asynchronous preemption off, libgo can only
// get the CPU back from the spinning goroutine if the spinner yields: main
// must wake up from its sleeps only if the spinner's loop polls.
package main

import (
	"fmt"
	"os"
	"time"
)

func spin(counter *int64)

func main() {
	var n int64
	go spin(&n)
	for i := 0; i < 20; i++ {
		time.Sleep(2 * time.Millisecond)
	}
	fmt.Println("main woke up 20 times; spinner ran:", n > 0)
	os.Exit(0)
}
