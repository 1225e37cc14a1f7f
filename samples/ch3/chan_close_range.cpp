// Ranging over a channel until it is closed. A task sends 1 to 5 and closes the channel, and main's
// `for (int v : ch)` loop receives each value and ends by itself once the channel is closed and
// drained: the close is how the sender says "no more". Each send happens-before the receive that
// gets it and the close happens-before the receive that reports it: ccsp reports no race. A receive
// from a closed channel returns std::nullopt, Go's zero value with ok == false.
//
// EXPECT: no-race
// EXPECT: stdout 1 2 3 4 5
// EXPECT: stdout after close: nullopt
#include <ccsp/ccsp.hpp>
#include <cstdio>

int main() {
  ccsp::chan<int> ints;
  ccsp::go([ints] {
    for (int i = 1; i <= 5; ++i) ints.send(i);
    ints.close();
  });
  for (int v : ints) std::printf("%d ", v);
  std::printf("\nafter close: %s\n", ints.recv() ? "a value" : "nullopt");
}
