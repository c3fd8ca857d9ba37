// Harness of mixed-panic.test, built by gccgo-12. callThrough,
// withCleanup and divide are Gollvm-style IR (mixed-panic.ll) compiled by
// go-llc. Go panics raised in Go callees unwind through go-llc frames to a
// recover() in Go, a go-llc frame's own landing pad runs during that
// unwinding, a runtime panic raised in a go-llc frame is recovered in Go,
// and defers in Go frames called from go-llc code run in order.
package main

import "fmt"

func callThrough(f func()) int
func withCleanup(f func(), cleanups *int64) int
func divide(a, b int64) int64

func try(name string, fn func() int) {
	defer func() {
		if e := recover(); e != nil {
			fmt.Println(name, "recovered:", e)
		}
	}()
	fmt.Println(name, "returned:", fn())
}

func main() {
	try("through", func() int { return callThrough(func() { panic("boom") }) })
	try("through-ok", func() int { return callThrough(func() {}) })
	var cleanups int64
	try("cleanup", func() int {
		return withCleanup(func() { panic(fmt.Sprint("deep ", 42)) }, &cleanups)
	})
	try("cleanup-ok", func() int { return withCleanup(func() {}, &cleanups) })
	fmt.Println("cleanups:", cleanups)
	try("divide", func() int { return int(divide(7, 0)) })
	try("divide-ok", func() int { return int(divide(7, 2)) })
	try("defer-in-callee", func() int {
		return callThrough(func() {
			defer fmt.Println("deferred 1 ran")
			defer fmt.Println("deferred 2 ran")
			panic("inner")
		})
	})
	try("recover-in-callee", func() int {
		return callThrough(func() {
			defer func() { fmt.Println("callee recovered:", recover()) }()
			panic("contained")
		})
	})
	try("nested", func() int {
		return withCleanup(func() {
			callThrough(func() { panic("two go-llc frames") })
		}, &cleanups)
	})
	fmt.Println("cleanups:", cleanups)
}
