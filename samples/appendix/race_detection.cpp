// Reading a race report: a heap object, two tasks, one shared field. Two worker tasks update a
// heap-allocated Stats record; each counts its own `misses` slot, but both increment the shared
// `hits` field without a lock. ccsp reports one data race between the two executions of
// `stats->hits++` (both stacks, both tasks and where each was started, and the heap block with the
// stack of the allocation) and nothing about `misses`, whose slots are separate memory. The race is
// found on every run, whatever the interleaving: the wait group orders the workers before main's
// read, not before each other.
//
// EXPECT: race 26 26
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <memory>

struct Stats {
  long hits = 0;
  long misses[2] = {0, 0};  // one per worker
};

int main() {
  auto stats = std::make_unique<Stats>();
  ccsp::wait_group wg;
  wg.add(2);
  for (int worker = 0; worker < 2; ++worker) {
    ccsp::go([&, worker] {
      stats->misses[worker] += 3;  // this worker's own counter
      stats->hits++;               // shared by both workers, unsynchronized
      wg.done();
    });
  }
  wg.wait();
  std::printf("hits=%ld misses=%ld\n", stats->hits, stats->misses[0] + stats->misses[1]);
}
