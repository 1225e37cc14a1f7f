// select with a default case that runs (nothing is ever sent) gives no edge: reading what a
// task wrote is a race.
// EXPECT: race 16 22
// EXPECT: stdout default
#include <ccsp/ccsp.hpp>

#include <cstdio>

int result;

int main() {
  ccsp::chan<int> done;  // never sent to
  ccsp::wait_group wg;
  wg.add(1);
  ccsp::go([&wg] {
    result = 7;          // (A)
    wg.done();
  });
  std::size_t which = ccsp::select(
      ccsp::recv_case(done, [](std::optional<int>) {}),
      ccsp::default_case([] {}));
  int seen = result;     // (B)
  wg.wait();
  std::printf("%s %d\n", which == 1 ? "default" : "recv", seen);
}
