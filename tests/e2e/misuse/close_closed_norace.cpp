// Closing once, from the owner: nothing to report.
// EXPECT: nothing
// EXPECT: stdout closed
#include <ccsp/ccsp.hpp>

#include <cstdio>

int main() {
  ccsp::chan<int> ch;
  ch.close();
  std::printf("%s\n", ch.recv() ? "open" : "closed");
}
