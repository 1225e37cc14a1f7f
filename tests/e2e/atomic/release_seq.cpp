// A relaxed plain store (not an RMW) by another thread ends the release sequence: the acquire
// load that reads it does not synchronize with the producer's release store, a race.
// EXPECT: race 14 23
// TSAN-DIFFERS: TSan keeps a location's release clock across relaxed stores, so it misses this
#include <atomic>
#include <cstdio>
#include <thread>

int data;
std::atomic<int> stage{0};

int main() {
  std::thread producer([] {
    data = 42;                                      // (A)
    stage.store(1, std::memory_order_release);
  });
  std::thread relay([] {
    while (stage.load(std::memory_order_relaxed) != 1) std::this_thread::yield();
    stage.store(2, std::memory_order_relaxed);      // breaks the release sequence
  });
  // Relaxed while waiting: an acquire load that read 1 would synchronize with the producer.
  while (stage.load(std::memory_order_relaxed) != 2) std::this_thread::yield();
  int seen = stage.load(std::memory_order_acquire) == 2 ? data : -1;  // (B) reads the relay's 2
  producer.join();
  relay.join();
  std::printf("%d\n", seen);
}
