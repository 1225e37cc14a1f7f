// Closing the nil channel is a Go panic: reported as misuse, and the program stops.
// EXPECT: misuse close-nil 10
// EXPECT: exit nonzero
#include <ccsp/ccsp.hpp>

#include <cstdio>

int main() {
  ccsp::chan<int> ch = ccsp::chan<int>::nil();
  ch.close();  // (A)
  std::printf("not reached\n");
}
