// A release fence placed after the relaxed flag store does not order the data write before
// it: even with an acquire fence on the reading side, a race.
// EXPECT: race 13 19
#include <atomic>
#include <cstdio>
#include <thread>

int data;
std::atomic<bool> ready{false};

int main() {
  std::thread producer([] {
    data = 42;                                            // (A)
    ready.store(true, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_release);  // too late
  });
  while (!ready.load(std::memory_order_relaxed)) std::this_thread::yield();
  std::atomic_thread_fence(std::memory_order_acquire);
  int seen = data;                                        // (B)
  producer.join();
  std::printf("%d\n", seen);
}
