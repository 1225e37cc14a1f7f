// What a race report tells you: two worker tasks update a heap-allocated Stats record;
// each counts its own `misses` field, but both increment the shared `hits` field without
// a lock. ccsp reports one data race between the two executions of `stats->hits++` (both
// stacks, the two tasks and where each was started, and the heap block with the stack of
// the `new` that allocated it), and nothing about `misses`, whose fields are separate
// bytes. The race is found on every run, whatever the interleaving: the wait group orders
// the workers before main's read, not before each other.
//
// EXPECT: race 27 27
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
