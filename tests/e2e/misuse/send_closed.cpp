// Sending on a closed channel is a Go panic: reported as misuse, and the program stops.
// EXPECT: misuse send-on-closed 11
// EXPECT: exit nonzero
#include <ccsp/ccsp.hpp>

#include <cstdio>

int main() {
  ccsp::chan<int> ch(1);
  ch.close();
  ch.send(1);  // (A)
  std::printf("not reached\n");
}
