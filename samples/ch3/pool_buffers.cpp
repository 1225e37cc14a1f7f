// A ccsp::pool of buffers reused by many short-lived tasks. Each task takes a 1 KiB buffer, fills
// it, checks it and gives it back, and the factory counts how many buffers were ever made: a
// handful, not one per task. Reuse moves a buffer from task to task without a lock around its
// bytes; that is safe because put(x) happens-before the get() that returns x, and ccsp knows it: no
// race. CCSP_SAMPLE_FAST starts 64 tasks instead of 1024.
//
// EXPECT: no-race
// EXPECT: env CCSP_SAMPLE_FAST=1
#include <algorithm>
#include <atomic>
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main() {
  const int tasks = std::getenv("CCSP_SAMPLE_FAST") ? 64 : 1024;
  std::atomic<int> created{0};
  ccsp::pool<std::vector<unsigned char>> buffers([&] {
    created.fetch_add(1, std::memory_order_relaxed);
    return std::vector<unsigned char>(1024);
  });

  // Seed the pool with four buffers.
  std::vector<ccsp::pool<std::vector<unsigned char>>::item> seed;
  for (int i = 0; i < 4; ++i) seed.push_back(buffers.get());
  for (auto& b : seed) buffers.put(std::move(b));

  std::atomic<int> corrupted{0};
  ccsp::wait_group wg;
  for (int id = 0; id < tasks; ++id) {
    wg.add(1);
    ccsp::go([&, id] {
      auto buf = buffers.get();
      std::fill(buf->begin(), buf->end(), static_cast<unsigned char>(id));
      if (std::count(buf->begin(), buf->end(), static_cast<unsigned char>(id)) != 1024) {
        corrupted.fetch_add(1);
      }
      buffers.put(std::move(buf));
      wg.done();
    });
  }
  wg.wait();
  std::printf("%d tasks, %d buffers were created, %d corrupted\n", tasks, created.load(),
              corrupted.load());
}
