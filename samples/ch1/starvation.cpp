// Starvation: a greedy worker gets far more done than a polite one. The greedy worker holds the
// shared lock for its whole three-unit work loop, the polite one locks for each unit separately;
// both do the same work per loop, but in the same wall-clock time the greedy one completes far more
// loops because the polite one keeps handing the lock back. The program prints both counts.
// Everything is properly synchronized, so ccsp reports no race and no deadlock: finding starvation
// takes metrics (the mutex profile), not a race detector. CCSP_SAMPLE_FAST runs for 50 ms instead
// of one second.
//
// EXPECT: no-race
// EXPECT: env CCSP_SAMPLE_FAST=1
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

int main() {
  const auto run_time = std::getenv("CCSP_SAMPLE_FAST") ? 50ms : 1000ms;
  const auto work = 1us;
  std::mutex shared_lock;
  ccsp::wait_group wg;

  auto greedy = [&] {
    long count = 0;
    for (auto begin = Clock::now(); Clock::now() - begin < run_time; ++count) {
      std::lock_guard lock(shared_lock);
      ccsp::sleep(3 * work);
    }
    std::printf("greedy worker was able to execute %ld work loops\n", count);
    wg.done();
  };
  auto polite = [&] {
    long count = 0;
    for (auto begin = Clock::now(); Clock::now() - begin < run_time; ++count) {
      for (int unit = 0; unit < 3; ++unit) {
        std::lock_guard lock(shared_lock);
        ccsp::sleep(work);
      }
    }
    std::printf("polite worker was able to execute %ld work loops\n", count);
    wg.done();
  };
  wg.add(2);
  ccsp::go(greedy);
  ccsp::go(polite);
  wg.wait();
}
