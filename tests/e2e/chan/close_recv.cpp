// The closer writes after closing: a receive that returns because of the close is not
// ordered with that write, a race.
// EXPECT: race 16 20
#include <ccsp/ccsp.hpp>

#include <cstdio>

int summary;

int main() {
  ccsp::chan<int> results;
  ccsp::wait_group wg;
  wg.add(1);
  ccsp::go([results, &wg]() mutable {
    results.close();
    summary = 3;                  // (A) after the close
    wg.done();
  });
  std::optional<int> v = results.recv();  // returns because the channel is closed
  int seen = summary;             // (B)
  wg.wait();
  std::printf("%d %d\n", v.has_value(), seen);
}
