// binarytrees: the Benchmarks Game's allocation benchmark, single-threaded.
// Builds and checks perfect binary trees of many depths, keeping one
// long-lived tree while short-lived ones come and go: the collector runs
// often and every tree node is reached only through pointers. Used by
// utils/bench-runtime (alloc) to measure what the Go GC lowering costs a
// program's run time; its output is compared between the builds.
package main

import "fmt"

type node struct{ left, right *node }

func build(depth int) *node {
	if depth == 0 {
		return &node{}
	}
	return &node{build(depth - 1), build(depth - 1)}
}

func (n *node) check() int {
	if n.left == nil {
		return 1
	}
	return 1 + n.left.check() + n.right.check()
}

func main() {
	const minDepth, maxDepth = 4, 16
	fmt.Printf("stretch tree of depth %d\t check: %d\n", maxDepth+1, build(maxDepth+1).check())
	longLived := build(maxDepth)
	for d := minDepth; d <= maxDepth; d += 2 {
		iters := 1 << uint(maxDepth-d+minDepth)
		sum := 0
		for i := 0; i < iters; i++ {
			sum += build(d).check()
		}
		fmt.Printf("%d\t trees of depth %d\t check: %d\n", iters, d, sum)
	}
	fmt.Printf("long lived tree of depth %d\t check: %d\n", maxDepth, longLived.check())
}
