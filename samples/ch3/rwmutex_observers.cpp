// std::shared_mutex versus std::mutex, with one producer and a growing number of observers. The
// producer updates a value five times under the exclusive lock, each observer reads it once (a read
// that takes a little while), and the program prints how long each configuration takes: with shared
// locks the observers read in parallel, with exclusive ones they queue. A write unlock
// happens-before every later lock and a read unlock happens-before the next write lock, so ccsp
// reports no race. CCSP_SAMPLE_FAST stops at 8 observers instead of 256.
//
// EXPECT: no-race
// EXPECT: env CCSP_SAMPLE_FAST=1
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <shared_mutex>
#include <vector>

using namespace std::chrono_literals;

// Runs one producer and `observers` readers; readers use a shared lock when `shared`.
double run_ms(int observers, bool shared) {
  std::shared_mutex mu;
  long value = 0;
  std::vector<long> seen(observers);  // one slot per observer: no sharing
  ccsp::wait_group wg;
  wg.add(observers + 1);
  ccsp::go([&] {
    for (int i = 0; i < 5; ++i) {
      {
        std::unique_lock lock(mu);
        ++value;
      }
      ccsp::sleep(100us);  // the producer is slower than its readers
    }
    wg.done();
  });
  const auto begin = std::chrono::steady_clock::now();
  for (int i = 0; i < observers; ++i) {
    ccsp::go([&, i] {
      auto read = [&] {
        seen[i] = value;
        ccsp::sleep(20us);  // a read takes a little while
      };
      if (shared) {
        std::shared_lock lock(mu);
        read();
      } else {
        std::unique_lock lock(mu);
        read();
      }
      wg.done();
    });
  }
  wg.wait();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin)
      .count();
}

int main() {
  const int max_observers = std::getenv("CCSP_SAMPLE_FAST") ? 8 : 256;
  std::printf("%10s %14s %14s\n", "observers", "shared_mutex", "mutex");
  for (int n = 1; n <= max_observers; n *= 2) {
    std::printf("%10d %12.3fms %12.3fms\n", n, run_ms(n, true), run_ms(n, false));
  }
}
