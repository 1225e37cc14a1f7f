// Go twin of tests/profiles/lock_holder.cpp: holder() takes the mutex, starts three waiters,
// sleeps 200 ms and unlocks. Writes Go's own mutex and block profiles (every event recorded).
package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

var mu sync.Mutex
var sharedCounter int

func waiter(wg *sync.WaitGroup) {
	defer wg.Done()
	mu.Lock() // blocks until holder unlocks
	sharedCounter++
	mu.Unlock()
}

func holder() {
	var wg sync.WaitGroup
	mu.Lock()
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go waiter(&wg)
	}
	time.Sleep(200 * time.Millisecond)
	mu.Unlock() // ends all three waits
	wg.Wait()
}

func write(name, path string) {
	f, _ := os.Create(path)
	pprof.Lookup(name).WriteTo(f, 0)
	f.Close()
}

func main() {
	runtime.SetMutexProfileFraction(1)
	runtime.SetBlockProfileRate(1)
	holder()
	write("mutex", os.Args[1]+"/mutex.pb.gz")
	write("block", os.Args[1]+"/block.pb.gz")
}
