// Go twin of tests/profiles/parked.cpp: five goroutines block receiving from a channel nobody
// sends on. Writes Go's goroutine profile once they have parked.
package main

import (
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

func parked(never chan int, started *sync.WaitGroup) {
	started.Done()
	<-never // no one ever sends
}

func main() {
	never := make(chan int)
	var started sync.WaitGroup
	started.Add(5)
	for i := 0; i < 5; i++ {
		go parked(never, &started)
	}
	started.Wait()
	time.Sleep(50 * time.Millisecond)
	f, _ := os.Create(os.Args[1] + "/task.pb.gz")
	pprof.Lookup("goroutine").WriteTo(f, 0)
	f.Close()
}
