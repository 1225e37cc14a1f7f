// close happens-before a receive that returns because the channel is closed: the summary
// written before closing is visible after the range loop ends, no race.
// EXPECT: no-race
// EXPECT: stdout count 3 summary 6
#include <ccsp/ccsp.hpp>

#include <cstdio>

int summary;

int main() {
  ccsp::chan<int> results(3);
  ccsp::go([results]() mutable {
    for (int i = 1; i <= 3; i++) results.send(i);
    summary = 6;
    results.close();
  });
  int count = 0;
  for (int v : results) count += v > 0;
  std::printf("count %d summary %d\n", count, summary);
}
