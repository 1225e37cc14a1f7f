// The same receive with a task that sends: it completes.
// EXPECT: nothing
// EXPECT: stdout got 5
#include <ccsp/ccsp.hpp>

#include <cstdio>

int main() {
  ccsp::chan<int> ch;
  ccsp::go([ch]() mutable { ch.send(5); });
  std::printf("got %d\n", ch.recv().value_or(0));
}
