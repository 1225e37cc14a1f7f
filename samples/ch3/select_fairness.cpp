// select picks uniformly at random among ready cases. Both channels are closed, so both receive
// cases are ready on every one of 1000 selects, and ccsp::select chooses at random as Go's does:
// the counts come out near 500 each, never a fixed preference for the first case. Argument order
// only matters for the index select returns. Nothing is shared but main's counters: ccsp reports no
// race.
//
// EXPECT: no-race
// EXPECT: stdout c1 count:
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <variant>

int main() {
  ccsp::chan<std::monostate> c1, c2;
  c1.close();
  c2.close();
  int c1_count = 0, c2_count = 0;
  for (int i = 0; i < 1000; ++i) {
    ccsp::select(ccsp::recv_case(c1, [&] { ++c1_count; }),
                 ccsp::recv_case(c2, [&] { ++c2_count; }));
  }
  std::printf("c1 count: %d\nc2 count: %d\n", c1_count, c2_count);
}
