// Closing a closed channel is a Go panic: reported as misuse, and the program stops.
// EXPECT: misuse close-closed 11
// EXPECT: exit nonzero
#include <ccsp/ccsp.hpp>

#include <cstdio>

int main() {
  ccsp::chan<int> ch;
  ch.close();
  ch.close();  // (A)
  std::printf("not reached\n");
}
