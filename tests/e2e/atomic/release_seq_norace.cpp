// A relaxed RMW by another thread continues the release sequence: the acquire load that reads
// the RMW's value synchronizes with the producer's release store, no race.
// EXPECT: no-race
// EXPECT: stdout 42
#include <atomic>
#include <cstdio>
#include <thread>

int data;
std::atomic<int> stage{0};

int main() {
  std::thread producer([] {
    data = 42;
    stage.store(1, std::memory_order_release);
  });
  std::thread relay([] {
    while (stage.load(std::memory_order_relaxed) != 1) std::this_thread::yield();
    stage.fetch_add(1, std::memory_order_relaxed);  // 1 -> 2, part of the release sequence
  });
  while (stage.load(std::memory_order_acquire) != 2) std::this_thread::yield();
  int seen = data;
  producer.join();
  relay.join();
  std::printf("%d\n", seen);
}
