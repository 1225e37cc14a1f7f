// One done too many drives the wait-group counter negative: a Go panic, reported as misuse.
// EXPECT: misuse negative-waitgroup 12
// EXPECT: exit nonzero
#include <ccsp/ccsp.hpp>

#include <cstdio>

int main() {
  ccsp::wait_group wg;
  wg.add(1);
  wg.done();
  wg.done();  // (A)
  std::printf("not reached\n");
}
