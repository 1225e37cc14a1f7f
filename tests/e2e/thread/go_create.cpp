// ccsp::go: main writes after starting the task, the task reads: a race.
// EXPECT: race 14 17
#include <ccsp/ccsp.hpp>

#include <cstdio>

int config;

int main() {
  ccsp::wait_group wg;
  wg.add(1);
  int seen = 0;
  ccsp::go([&] {
    seen = config;  // (A)
    wg.done();
  });
  config = 7;       // (B)
  wg.wait();
  std::printf("%d\n", seen);
}
