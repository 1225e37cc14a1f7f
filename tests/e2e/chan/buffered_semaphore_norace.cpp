// The same semaphore with capacity 1: the k-th receive happens-before the completion of the
// (k+1)-th send, so the critical sections are ordered, no race.
// EXPECT: no-race
// EXPECT: stdout 2
#include <ccsp/ccsp.hpp>

#include <cstdio>

int counter;

int main() {
  ccsp::chan<int> sem(1);
  ccsp::wait_group wg;
  for (int i = 0; i < 2; i++) {
    wg.add(1);
    ccsp::go([sem, &wg]() mutable {
      sem.send(0);   // acquire the slot
      counter++;
      sem.recv();    // release it
      wg.done();
    });
  }
  wg.wait();
  std::printf("%d\n", counter);
}
