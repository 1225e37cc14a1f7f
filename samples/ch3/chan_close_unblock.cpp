// Closing a channel releases every task waiting on it. Five tasks block receiving from `begin`, and
// one close wakes them all: a broadcast like notify_all, but with happens-before built in (the
// close happens-before every receive it completes). The tasks start only after "Unblocking
// tasks..." is printed, and ccsp reports no race and no leaked task.
//
// EXPECT: no-race
// EXPECT: stdout Unblocking tasks...
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <variant>

int main() {
  ccsp::chan<std::monostate> begin;
  ccsp::wait_group wg;
  for (int i = 0; i < 5; ++i) {
    wg.add(1);
    ccsp::go([&wg, begin, i] {
      begin.recv();  // blocks until close
      std::printf("%d has begun\n", i);
      wg.done();
    });
  }
  std::printf("Unblocking tasks...\n");
  std::fflush(stdout);
  begin.close();
  wg.wait();
}
