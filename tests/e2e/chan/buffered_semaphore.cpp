// A buffered channel of capacity 2 used as a semaphore lets two tasks into the critical
// section at once: the counter races.
// EXPECT: race 17 17
#include <ccsp/ccsp.hpp>

#include <cstdio>

int counter;

int main() {
  ccsp::chan<int> sem(2);
  ccsp::wait_group wg;
  for (int i = 0; i < 2; i++) {
    wg.add(1);
    ccsp::go([sem, &wg]() mutable {
      sem.send(0);   // acquire a slot
      counter++;     // (A)
      sem.recv();    // release it
      wg.done();
    });
  }
  wg.wait();
  std::printf("%d\n", counter);
}
