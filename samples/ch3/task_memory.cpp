// How much memory a blocked task costs. The program starts N tasks (10 000 by default, or argv[1])
// that each block receiving from one channel, compares resident memory before and after, prints the
// cost per task, then closes the channel to release them all. A ccsp task is an OS thread, so
// expect kilobytes per task where a goroutine costs about two: the stack is reserved virtually and
// only the pages it touches count. The tasks synchronize only through the channel and the wait
// groups: ccsp reports no race, and no leak since every task is released before main returns.
//
// EXPECT: no-race
// EXPECT: args 100
#include <unistd.h>

#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <variant>

long resident_kib() {
  long pages_total = 0, pages_resident = 0;
  std::ifstream("/proc/self/statm") >> pages_total >> pages_resident;
  return pages_resident * (sysconf(_SC_PAGESIZE) / 1024);
}

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 10000;
  ccsp::chan<std::monostate> release;
  ccsp::wait_group started, finished;

  const long before = resident_kib();
  started.add(n);
  finished.add(n);
  for (int i = 0; i < n; ++i) {
    ccsp::go([&] {
      started.done();
      release.recv();  // blocks until the close below
      finished.done();
    });
  }
  started.wait();
  const long after = resident_kib();
  std::printf("%d blocked tasks: %.3f KiB each\n", n, double(after - before) / n);

  release.close();
  finished.wait();
}
