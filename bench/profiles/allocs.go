// Go twin of tests/profiles/allocs.cpp: make_blocks() allocates 1000 blocks of 1000 bytes;
// free_half() drops every other one (the garbage collector frees them). MemProfileRate = 1
// records every allocation, as ccsp's trace does. Writes Go's heap profile (both views).
package main

import (
	"os"
	"runtime"
	"runtime/pprof"
)

const kBlocks = 1000

var blocks [kBlocks][]byte

//go:noinline
func make_blocks() {
	for i := 0; i < kBlocks; i++ {
		blocks[i] = make([]byte, 1000)
	}
}

func free_half() {
	for i := 0; i < kBlocks; i += 2 {
		blocks[i] = nil
	}
}

func main() {
	runtime.MemProfileRate = 1
	make_blocks()
	free_half()
	runtime.GC() // the heap profile is as of the last completed collection
	runtime.GC()
	f, _ := os.Create(os.Args[1] + "/heap.pb.gz")
	pprof.Lookup("heap").WriteTo(f, 0)
	f.Close()
	runtime.KeepAlive(&blocks)
}
