// Go twin of tests/profiles/busy_ratio.cpp: heavy() spins three times as many iterations as
// light(), each in its own goroutine. Writes Go's CPU profile (100 Hz, per-thread timers).
package main

import (
	"os"
	"runtime/pprof"
	"sync"
)

var sink uint64

//go:noinline
func spin(n uint64) uint64 {
	var x uint64
	for i := uint64(0); i < n; i++ {
		x += i*i ^ (x >> 3)
	}
	return x
}

func heavy() { sink = spin(3 * 150000000) }
func light() { sink = spin(150000000) }

func main() {
	f, _ := os.Create(os.Args[1] + "/cpu.pb.gz")
	pprof.StartCPUProfile(f)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); heavy() }()
	go func() { defer wg.Done(); light() }()
	wg.Wait()
	pprof.StopCPUProfile()
	f.Close()
}
