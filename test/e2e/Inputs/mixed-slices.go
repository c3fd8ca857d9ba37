// Harness of mixed-slices.test, built by gccgo-12. The body-less functions
// bind to Gollvm-style IR in mixed-slices.ll compiled by go-llc: slices go
// in by value (on the stack, the x86-64 ABI for 24-byte aggregates), a slice
// comes back through sret, strings go in as two words and come back in
// rax:rdx, and a slice allocated by IR survives a collection.
package main

import (
	"fmt"
	"runtime"
)

func sumSlice(s []int64) int64
func squares(n int) []int64
func countByte(s string, b byte) int
func middle(s string) string
func reverseInto(dst, src []byte) int

func main() {
	s := []int64{1, 2, 3, 4, 5, 100}
	fmt.Println("sum:", sumSlice(s), sumSlice(s[2:4]), sumSlice(nil))
	sq := squares(6)
	fmt.Println("squares:", sq, len(sq), cap(sq))
	runtime.GC()
	sq = append(sq, 1000)
	fmt.Println("after GC:", sumSlice(sq), len(sq))
	fmt.Println("count:", countByte("mississippi", 's'), countByte("", 'x'))
	fmt.Printf("middle: %q %q\n", middle("[hello]"), middle("ab"))
	dst := make([]byte, 5)
	n := reverseInto(dst, []byte("abcdefg"))
	fmt.Println("reverse:", n, string(dst[:n]))
}
