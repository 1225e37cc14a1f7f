// wait_group: each done happens-before the wait it releases, no race on the results.
// EXPECT: no-race
// EXPECT: stdout sum 10
#include <ccsp/ccsp.hpp>

#include <cstdio>

int parts[4];

int main() {
  ccsp::wait_group wg;
  for (int i = 0; i < 4; i++) {
    wg.add(1);
    ccsp::go([&wg, i] {
      parts[i] = i + 1;
      wg.done();
    });
  }
  wg.wait();
  std::printf("sum %d\n", parts[0] + parts[1] + parts[2] + parts[3]);
}
