// ccsp::go: the call to go happens-before the task's first step; done -> wait orders the rest.
// EXPECT: no-race
// EXPECT: stdout 7
#include <ccsp/ccsp.hpp>

#include <cstdio>

int config;

int main() {
  ccsp::wait_group wg;
  wg.add(1);
  int seen = 0;
  config = 7;
  ccsp::go([&] {
    seen = config;
    wg.done();
  });
  wg.wait();
  std::printf("%d\n", seen);
}
