// Send, then close, then drain: correct use, nothing to report.
// EXPECT: nothing
// EXPECT: stdout 1 closed
#include <ccsp/ccsp.hpp>

#include <cstdio>

int main() {
  ccsp::chan<int> ch(1);
  ch.send(1);
  ch.close();
  std::optional<int> a = ch.recv(), b = ch.recv();
  std::printf("%d %s\n", a.value_or(0), b ? "open" : "closed");
}
