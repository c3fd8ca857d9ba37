// hashmap: a map-heavy allocation benchmark. Inserts, looks up, updates and
// deletes string-keyed entries whose values are pointers to small structs
// holding slices, over several rounds, so that the collector runs while
// maps grow and shrink and map buckets, keys and values are reached only
// through pointers. Used by utils/bench-runtime (alloc); its output (counts
// and a checksum) is compared between the builds.
package main

import (
	"fmt"
	"strconv"
)

type entry struct {
	id   int
	tags []string
	next *entry
}

func main() {
	const rounds, n = 6, 60000
	m := make(map[string]*entry)
	var chain *entry
	sum := 0
	for r := 0; r < rounds; r++ {
		for i := 0; i < n; i++ {
			k := "k" + strconv.Itoa(i*7+r)
			e := &entry{id: i + r, tags: []string{k, strconv.Itoa(r)}}
			if i%97 == 0 {
				e.next = chain
				chain = e
			}
			m[k] = e
		}
		for i := 0; i < n; i += 3 {
			if e, ok := m["k"+strconv.Itoa(i*7+r)]; ok {
				sum += e.id + len(e.tags[0])
				e.tags = append(e.tags, "seen")
			}
		}
		for i := 0; i < n; i += 2 {
			delete(m, "k"+strconv.Itoa(i*7+r))
		}
	}
	kept := 0
	for e := chain; e != nil; e = e.next {
		kept += e.id + len(e.tags)
	}
	fmt.Println(len(m), sum, kept)
}
