// A release fence before a relaxed store, and an acquire fence after the relaxed load that
// reads it, synchronize: no race.
// EXPECT: no-race
// EXPECT: stdout 42
// TSAN-DIFFERS: TSan does not model atomic_thread_fence and reports a false race here
#include <atomic>
#include <cstdio>
#include <thread>

int data;
std::atomic<bool> ready{false};

int main() {
  std::thread producer([] {
    data = 42;
    std::atomic_thread_fence(std::memory_order_release);
    ready.store(true, std::memory_order_relaxed);
  });
  while (!ready.load(std::memory_order_relaxed)) std::this_thread::yield();
  std::atomic_thread_fence(std::memory_order_acquire);
  int seen = data;
  producer.join();
  std::printf("%d\n", seen);
}
