// Balanced add/done: nothing to report.
// EXPECT: nothing
// EXPECT: stdout waited
#include <ccsp/ccsp.hpp>

#include <cstdio>

int main() {
  ccsp::wait_group wg;
  wg.add(2);
  wg.done();
  wg.done();
  wg.wait();
  std::printf("waited\n");
}
