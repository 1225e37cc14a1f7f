// Go twin of tests/profiles/recv_blocked.cpp: receiver() waits on an unbuffered channel while
// the sender sleeps 300 ms before sending. Writes Go's block profile.
package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"time"
)

func sender(ch chan int) {
	time.Sleep(300 * time.Millisecond)
	ch <- 42
}

func receiver(ch chan int) int {
	return <-ch // blocks ~300 ms
}

func main() {
	runtime.SetBlockProfileRate(1)
	ch := make(chan int)
	go sender(ch)
	receiver(ch)
	f, _ := os.Create(os.Args[1] + "/block.pb.gz")
	pprof.Lookup("block").WriteTo(f, 0)
	f.Close()
}
