// A send happens-before the receive that gets it: data written before sending is visible to
// the receiver, no race.
// EXPECT: no-race
// EXPECT: stdout 42 1
#include <ccsp/ccsp.hpp>

#include <cstdio>

int payload;

int main() {
  ccsp::chan<int> ch;
  ccsp::go([ch]() mutable {
    payload = 42;
    ch.send(1);
  });
  std::optional<int> v = ch.recv();
  std::printf("%d %d\n", payload, v.value_or(0));
}
