// The Go side of the ccsp-vs-Go benchmark (ccsp_bench.cc is its twin, case for case).
// Usage: go_bench CASE N  -> prints "CASE ns_per_op".
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"
)

func pingPong(n int) {
	ping, pong := make(chan int), make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			pong <- (<-ping + 1)
		}
	}()
	for i := 0; i < n; i++ {
		ping <- 1
		<-pong
	}
}

func buffered(n, producers int) {
	ch := make(chan int, 128)
	for p := 0; p < producers; p++ {
		go func(p int) {
			for i := p; i < n; i += producers {
				ch <- i
			}
		}(p)
	}
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-ch
	}
	if sum != n*(n-1)/2 {
		panic("bad sum")
	}
}

func selectFanIn(n int) {
	var ch [4]chan int
	for p := range ch {
		ch[p] = make(chan int, 16)
		go func(p int, c chan int) {
			for i := p; i < n; i += 4 {
				c <- i
			}
		}(p, ch[p])
	}
	sum := 0
	for i := 0; i < n; i++ {
		select {
		case v := <-ch[0]:
			sum += v
		case v := <-ch[1]:
			sum += v
		case v := <-ch[2]:
			sum += v
		case v := <-ch[3]:
			sum += v
		}
	}
	if sum != n*(n-1)/2 {
		panic("bad sum")
	}
}

func spawnJoin(n int) {
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() { wg.Done() }()
	}
	wg.Wait()
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: go_bench pingpong|buffered1|buffered4|select4|spawn N")
		os.Exit(2)
	}
	name := os.Args[1]
	n, _ := strconv.Atoi(os.Args[2])
	start := time.Now()
	switch name {
	case "pingpong":
		pingPong(n)
	case "buffered1":
		buffered(n, 1)
	case "buffered4":
		buffered(n, 4)
	case "select4":
		selectFanIn(n)
	case "spawn":
		spawnJoin(n)
	default:
		fmt.Fprintln(os.Stderr, "unknown case", name)
		os.Exit(2)
	}
	fmt.Printf("%s %.1f\n", name, float64(time.Since(start).Nanoseconds())/float64(n))
}
