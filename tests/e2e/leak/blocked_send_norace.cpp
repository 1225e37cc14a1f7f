// The same task, with main receiving its result before returning: no leak.
// EXPECT: nothing
// EXPECT: stdout main got 42
#include <ccsp/ccsp.hpp>

#include <cstdio>

int main() {
  ccsp::chan<int> results;
  ccsp::go([results]() mutable { results.send(42); });
  std::printf("main got %d\n", results.recv().value_or(0));
}
