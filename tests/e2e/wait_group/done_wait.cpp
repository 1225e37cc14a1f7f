// A worker writes after calling done: wait returning does not order that write, a race.
// EXPECT: race 15 19
#include <ccsp/ccsp.hpp>

#include <cstdio>

int parts[2];

int main() {
  ccsp::wait_group wg;
  ccsp::chan<int> finished(1);
  wg.add(1);
  ccsp::go([&wg, finished]() mutable {
    wg.done();
    parts[1] = 2;                      // (A) after done
    finished.send(0);
  });
  wg.wait();
  int seen = parts[1];                 // (B)
  finished.recv();
  std::printf("%d\n", seen);
}
